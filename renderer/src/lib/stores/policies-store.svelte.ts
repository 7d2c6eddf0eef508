import type { CallResult } from '../../../../electron/core/host/call-result';
import type { CallResponse } from '../../../../electron/core/host/contract';
import type { CatalogSummary, PushStartResult } from '../../../../electron/core/host/policy-contract';
import { callFailureWords } from '../call-failure-words';
import type { SaveFile } from '../save-file';
import type { SyncMatrix } from '../policy/matrix-words';
import { NEW_POLICY_BODIES, type FormKind } from '../policy/policy-draft';
import { issueWords } from '../policy/place-errors';
import { startOutcome, type StartOutcome } from '../policy/push-start';
import type { ContractClient } from '../transport/contract-client';
import { BlockControl } from './block-control.svelte';
import { CoalescedTask } from './coalesced-task';
import { CounterReset } from './counter-reset.svelte';
import { PolicyEditor, type PolicySave, type PolicySaveAnswer } from './policy-editor.svelte';
import { PolicyFiles } from './policy-files.svelte';
import { PushTracker } from './push-tracker.svelte';

type DiffAnswer = CallResponse<'policies.diff'>;

/** The diff of the selected policy against every traffic manager, or why there is none. */
export interface DiffState {
  key: string;
  answer: Extract<DiffAnswer, { ok: true }> | null;
  error: string | null;
}

/** The outcome of the last catalog action (save, delete, edit), shown until the next one. */
export interface CatalogOutcome {
  done: boolean;
  message: string;
  warnings: string[];
}

/**
 * The policy catalog with its sync matrix, the selected policy and its diff, the editor, and
 * pushes. The catalog and matrix come from `policies.list` and `policies.syncMatrix`, fetched
 * again on `policies.changed` (at most one fetch at a time, one more after a burst).
 */
export class PoliciesStore {
  entries = $state<CatalogSummary[]>([]);
  matrix = $state<SyncMatrix | null>(null);
  warnings = $state<string[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  selectedKey = $state<string | null>(null);
  diff = $state<DiffState | null>(null);
  editor = $state<PolicyEditor | null>(null);
  outcome = $state<CatalogOutcome | null>(null);
  /** The last push or undeploy started from the catalog, by key. */
  started = $state<{ key: string; outcome: StartOutcome } | null>(null);
  pending = $state(false);
  readonly pushes: PushTracker;
  readonly files: PolicyFiles;
  readonly blocks: BlockControl;
  readonly counters: CounterReset;

  readonly selected: CatalogSummary | undefined = $derived(this.entries.find((e) => e.key === this.selectedKey));

  private readonly refreshTask = new CoalescedTask(() => this.fetch());

  constructor(
    private readonly client: ContractClient,
    saveFile: SaveFile,
    pushes: PushTracker = new PushTracker(client),
  ) {
    this.pushes = pushes;
    this.files = new PolicyFiles(client, saveFile, () => this.refresh());
    this.blocks = new BlockControl(client);
    this.counters = new CounterReset(client);
  }

  connect(): () => void {
    const offPushes = this.pushes.connect();
    const offEvents = this.client.onEvents((batch) => {
      const changed = batch.events.some((event) => event.name === 'policies.changed' && event.payload.what !== 'audit');
      if (changed || batch.dropped > 0) void this.refresh();
    });
    const offStatus = this.client.onStatus((status) => {
      if (status === 'open') void this.refresh();
    });
    return () => {
      offPushes();
      offEvents();
      offStatus();
    };
  }

  /** Fetches the catalog, the matrix and the selected policy's diff again. */
  refresh(): Promise<void> {
    return this.refreshTask.run();
  }

  select(key: string | null): void {
    this.selectedKey = key;
    this.diff = null;
    if (key !== null) void this.loadDiff(key);
  }

  startNew(kind: FormKind): void {
    this.editor = new PolicyEditor((save) => this.save(save), kind, structuredClone(NEW_POLICY_BODIES[kind]));
  }

  async startEdit(key: string): Promise<void> {
    const result = await this.client.call('policies.get', { key });
    if (!result.ok) {
      this.outcome = { done: false, message: callFailureWords(`Loading ${key}`, result.error), warnings: [] };
      return;
    }
    const answer = result.value;
    if (!answer.ok) {
      const why = answer.errors.map(issueWords).join('; ');
      this.outcome = { done: false, message: `${key} cannot be edited: ${why}`, warnings: [] };
      return;
    }
    const { entry, body } = answer;
    this.editor = new PolicyEditor((save) => this.save(save), entry.kind, body, entry.key);
  }

  cancelEdit(): void {
    this.editor = null;
  }

  dismissOutcome(): void {
    this.outcome = null;
  }

  push(key: string): Promise<void> {
    return this.start(key, 'The push', () => this.client.call('policies.push', { key }));
  }

  undeploy(key: string): Promise<void> {
    return this.start(key, 'The undeploy', () => this.client.call('policies.undeploy', { key }));
  }

  /** Deletes the local copy; what traffic managers run stays until undeployed. */
  async remove(key: string): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    try {
      const result = await this.client.call('policies.delete', { key });
      if (!result.ok) {
        this.outcome = { done: false, message: callFailureWords(`Deleting "${key}"`, result.error), warnings: [] };
        return;
      }
      const answer = result.value;
      this.outcome = answer.ok
        ? { done: true, message: `Deleted ${key} from the catalog.`, warnings: answer.warnings.map((w) => w.message) }
        : {
            done: false,
            message: `${key} was not deleted: ${answer.errors.map(issueWords).join('; ')}`,
            warnings: answer.warnings.map((w) => w.message),
          };
      if (answer.ok && this.selectedKey === key) this.select(null);
      await this.refresh();
    } finally {
      this.pending = false;
    }
  }

  /** A deploy of the catalog's current revision, or an undeploy; its progress comes as events. */
  private async start(key: string, what: string, call: () => Promise<CallResult<PushStartResult>>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    try {
      const result = await call();
      this.started = { key, outcome: startOutcome(what, result) };
    } finally {
      this.pending = false;
    }
  }

  private async save(save: PolicySave): Promise<PolicySaveAnswer> {
    const result = await this.client.call('policies.save', { body: save.body, kind: save.kind });
    if (!result.ok) return { ok: false, errors: [{ path: '', message: callFailureWords('The save', result.error) }] };
    const answer = result.value;
    if (!answer.ok) return { ok: false, errors: answer.errors };
    const { entry } = answer;
    const renamed = this.editor?.editing != null && this.editor.editing !== entry.key;
    this.editor = null;
    this.outcome = {
      done: true,
      message: answer.unchanged
        ? `No change: ${entry.key} revision ${entry.revision} already has this content.`
        : `Saved ${entry.key} as revision ${entry.revision}.${renamed ? ' The old name stays in the catalog until you delete it.' : ''}`,
      warnings: answer.warnings.map((w) => w.message),
    };
    this.selectedKey = entry.key;
    this.diff = null;
    await this.refresh();
    return { ok: true };
  }

  private async loadDiff(key: string): Promise<void> {
    const result = await this.client.call('policies.diff', { key });
    if (this.selectedKey !== key) return;
    if (!result.ok) {
      this.diff = { key, answer: null, error: callFailureWords('The diff', result.error) };
      return;
    }
    const answer = result.value;
    this.diff = answer.ok
      ? { key, answer, error: null }
      : { key, answer: null, error: answer.errors.map(issueWords).join('; ') };
  }

  private async fetch(): Promise<void> {
    const [list, matrix] = await Promise.all([
      this.client.call('policies.list', {}),
      this.client.call('policies.syncMatrix', {}),
    ]);
    const problems: string[] = [];
    if (list.ok) {
      this.entries = list.value.entries;
      this.warnings = list.value.warnings.map((w) => w.message);
      this.loaded = true;
    } else problems.push(`The catalog could not be loaded: ${list.error.message}`);
    if (matrix.ok) this.matrix = matrix.value;
    else problems.push(`The sync matrix could not be loaded: ${matrix.error.message}`);
    this.error = problems.length > 0 ? problems.join(' ') : null;
    if (this.selectedKey !== null) await this.loadDiff(this.selectedKey);
  }
}
