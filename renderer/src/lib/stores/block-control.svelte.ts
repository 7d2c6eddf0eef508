import { placeErrors, NO_ERRORS, type PlacedErrors } from '../profile/field-errors';
import { blockBody, blockFieldPaths, emptyBlockDraft, type BlockDraft } from '../policy/block-draft';
import { startOutcome, type StartOutcome } from '../policy/push-start';
import type { ContractClient } from '../transport/contract-client';

/**
 * Adding a blocking condition (`blocks.add`: validated, kept in the catalog, pushed) and removing
 * one by id (`blocks.remove`). Each start gives a push id whose progress the push tracker follows;
 * a refused condition's errors go under the fields they name.
 */
export class BlockControl {
  draft = $state<BlockDraft>(emptyBlockDraft());
  errors = $state<PlacedErrors>(NO_ERRORS);
  added = $state<StartOutcome | null>(null);
  removeId = $state('');
  removeError = $state<string | null>(null);
  removed = $state<StartOutcome | null>(null);
  pending = $state(false);

  constructor(private readonly client: ContractClient) {}

  fieldErrors(path: string): readonly string[] {
    return this.errors.byPath.get(path) ?? [];
  }

  async add(): Promise<void> {
    if (this.pending) return;
    const paths = blockFieldPaths(this.draft.type);
    this.pending = true;
    try {
      const result = await this.client.call('blocks.add', { condition: blockBody(this.draft) });
      const outcome = startOutcome('The blocking condition', result);
      this.added = outcome;
      this.errors = placeErrors(outcome.errors, (path) => paths.has(path));
      if (outcome.pushId !== null) this.draft = { ...emptyBlockDraft(), type: this.draft.type };
    } finally {
      this.pending = false;
    }
  }

  async remove(): Promise<void> {
    const conditionId = this.removeId.trim();
    if (conditionId === '') {
      this.removeError = 'Type the id of the condition to remove (the Blocking view lists them).';
      return;
    }
    if (this.pending) return;
    this.removeError = null;
    this.pending = true;
    try {
      const result = await this.client.call('blocks.remove', { conditionId });
      this.removed = startOutcome(`Removing "${conditionId}"`, result);
      if (this.removed.pushId !== null) this.removeId = '';
    } finally {
      this.pending = false;
    }
  }
}
