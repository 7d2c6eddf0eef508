import type { CallResult } from '../../../../electron/core/host/call-result';
import type { ProfileList } from '../../../../electron/core/host/profile-contract';
import type { Profile } from '../../../../electron/core/profile/profile-schema';
import { callFailureWords } from '../call-failure-words';
import type { ContractClient } from '../transport/contract-client';
import { ProfileEditor, type SaveAnswer, type SaveRequest } from './profile-editor.svelte';
import { ProfileImport } from './profile-import.svelte';

/** The outcome of the last profile action, shown inline until the next one; warnings are the store's. */
export interface ProfileOutcome {
  done: boolean;
  message: string;
  warnings: string[];
}

type BuiltIn = ProfileList['builtIn'][number];
type Warning = ProfileList['warnings'][number];

/** What a profile action needs of the cluster: to reload it once another profile is open. */
export interface ClusterReload {
  refresh(): Promise<void>;
}

/**
 * The operator's connection profiles: the stored ones and the built-in ones, which is open and
 * which was used last; open, close, duplicate, delete, import, and the editor when one is open.
 */
export class ProfilesStore {
  profiles = $state<Profile[]>([]);
  builtIn = $state<BuiltIn[]>([]);
  lastUsed = $state<string | null>(null);
  openName = $state<string | null>(null);
  canStoreSecrets = $state(false);
  canPickFiles = $state(false);
  /** Problems with the stored file (a damaged copy, a backup in use): shown, never blocking. */
  warnings = $state<Warning[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  pending = $state(false);
  lastOutcome = $state<ProfileOutcome | null>(null);
  /** The profile the operator last failed to open from here: the one a cluster problem is about. */
  failedOpen = $state<string | null>(null);
  editor = $state<ProfileEditor | null>(null);
  readonly importer: ProfileImport;

  /**
   * The stored profile a cluster problem is about: the one that just failed to open here, else
   * the one used last (the app opens it at start). Null when it is not a stored profile.
   */
  readonly problemProfile: string | null = $derived.by(() => {
    const name = this.failedOpen ?? this.lastUsed;
    return name !== null && this.isStored(name) ? name : null;
  });

  constructor(
    private readonly client: ContractClient,
    private readonly cluster: ClusterReload,
  ) {
    // The import panel says what was imported; the list only needs to show it.
    this.importer = new ProfileImport(client, () => this.load());
  }

  connect(): () => void {
    return this.client.onStatus((status) => {
      if (status === 'open') void this.load();
    });
  }

  async load(): Promise<void> {
    const result = await this.client.call('profiles.list', {});
    if (!result.ok) {
      this.error = `The profiles could not be loaded: ${result.error.message}`;
      return;
    }
    const list = result.value;
    this.error = null;
    this.profiles = list.profiles;
    this.builtIn = list.builtIn;
    this.lastUsed = list.lastUsed;
    this.openName = list.open;
    this.canStoreSecrets = list.canStoreSecrets;
    this.canPickFiles = list.canPickFiles;
    this.warnings = list.warnings;
    this.loaded = true;
  }

  /** The host's file dialog for a TLS file; null when cancelled or not possible (and then says why). */
  async pickFile(purpose: 'ca' | 'cert' | 'key'): Promise<string | null> {
    const result = await this.client.call('files.pick', { purpose });
    if (result.ok) return result.value.path;
    this.lastOutcome = {
      done: false,
      message: callFailureWords('The request for a file dialog', result.error),
      warnings: [],
    };
    return null;
  }

  isStored(name: string): boolean {
    return this.profiles.some((profile) => profile.name === name);
  }

  open(name: string): Promise<void> {
    return this.act(`Open "${name}"`, async () => {
      const result = await this.client.call('profiles.open', { name });
      if (result.ok) this.failedOpen = result.value.done ? null : name;
      await this.cluster.refresh();
      return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result;
    });
  }

  close(): Promise<void> {
    return this.act('Disconnect', async () => {
      const result = await this.client.call('profiles.close', {});
      await this.cluster.refresh();
      return result.ok ? { ok: true, value: { ...result.value, warnings: [] } } : result;
    });
  }

  duplicate(name: string): Promise<void> {
    return this.act(`Duplicate "${name}"`, async () => {
      const result = await this.client.call('profiles.duplicate', { name });
      if (!result.ok) return result;
      const answer = result.value;
      return {
        ok: true,
        value: answer.ok
          ? {
              done: true,
              message: `Made "${answer.profile.name}", a copy of "${name}".`,
              warnings: words(answer.warnings),
            }
          : {
              done: false,
              message: `"${name}" was not copied: ${issuesInWords(answer.errors)}`,
              warnings: words(answer.warnings),
            },
      };
    });
  }

  remove(name: string): Promise<void> {
    const wasOpen = this.openName === name;
    return this.act(`Delete "${name}"`, async () => {
      const result = await this.client.call('profiles.delete', { name });
      if (!result.ok) return result;
      const answer = result.value;
      if (answer.ok && wasOpen) await this.cluster.refresh();
      if (answer.ok && this.failedOpen === name) this.failedOpen = null;
      return {
        ok: true,
        value: answer.ok
          ? {
              done: true,
              message: `Deleted "${name}"${wasOpen ? ' and disconnected from it' : ''}.`,
              warnings: words(answer.warnings),
            }
          : {
              done: false,
              message: `"${name}" was not deleted: ${issuesInWords(answer.errors)}`,
              warnings: words(answer.warnings),
            },
      };
    });
  }

  startNew(): void {
    this.editor = new ProfileEditor((request) => this.save(request));
  }

  startEdit(name: string): void {
    const profile = this.profiles.find((candidate) => candidate.name === name);
    if (profile) this.editor = new ProfileEditor((request) => this.save(request), profile);
  }

  cancelEdit(): void {
    this.editor = null;
  }

  dismissOutcome(): void {
    this.lastOutcome = null;
  }

  /** The editor's save: done closes the editor and says so; refused leaves the errors to it. */
  private async save(request: SaveRequest): Promise<SaveAnswer> {
    const result = await this.client.call('profiles.save', request);
    if (!result.ok) return { ok: false, errors: [{ path: '', message: callFailureWords('The save', result.error) }] };
    const answer = result.value;
    if (!answer.ok) return { ok: false, errors: answer.errors };
    const name = answer.profile.name;
    const isOpen = this.openName !== null && (this.openName === request.replacing || this.openName === name);
    this.editor = null;
    this.lastOutcome = {
      done: true,
      message: isOpen
        ? `Saved "${name}". It is open with the settings it had: open it again to use the changes.`
        : `Saved "${name}".`,
      warnings: words(answer.warnings),
    };
    await this.load();
    return { ok: true };
  }

  /** Runs one action at a time, keeps its outcome, and reloads the list whatever happened. */
  private async act(what: string, run: () => Promise<CallResult<ProfileOutcome>>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    try {
      const result = await run();
      this.lastOutcome = result.ok
        ? result.value
        : { done: false, message: callFailureWords(what, result.error), warnings: [] };
      await this.load();
    } finally {
      this.pending = false;
    }
  }
}

function words(warnings: readonly Warning[]): string[] {
  return warnings.map((warning) => warning.message);
}

function issuesInWords(issues: readonly { path: string; message: string }[]): string {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`)).join('; ');
}
