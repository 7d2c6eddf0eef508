/** What the operator did to one write-only secret field: typed a new value, asked to remove it, or neither. */
export interface SecretEdit {
  value: string;
  remove: boolean;
}

/**
 * The save request's form of it: null removes the stored secret, a string replaces it, and
 * undefined (the field left out) keeps whatever is stored. A password is taken as typed, spaces
 * included.
 */
export function secretRequest(edit: SecretEdit): string | null | undefined {
  if (edit.remove) return null;
  return edit.value === '' ? undefined : edit.value;
}
