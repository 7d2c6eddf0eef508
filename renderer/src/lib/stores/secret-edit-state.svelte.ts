import type { SecretEdit } from '../profile/secret-edit';

/**
 * One write-only secret field's edit, starting untouched. A class rather than a `$state` object so
 * the field component may write to it through its prop: Svelte treats a class instance as the owner
 * of its fields, where it would flag a child mutating a parent's `$state` object.
 */
export class SecretEditState implements SecretEdit {
  value = $state('');
  remove = $state(false);
}
