import type { CallIssue } from '../../../../electron/core/host/call-result';
import type { Profile } from '../../../../electron/core/profile/profile-schema';
import { moveRow, newBrokerRow } from '../profile/broker-rows';
import { draftToProfile } from '../profile/draft-to-profile';
import { NO_ERRORS, placeErrors, type PlacedErrors } from '../profile/field-errors';
import { NUMBER_PATHS } from '../profile/number-fields';
import { TOPIC_KEYS } from '../../../../electron/core/profile/profile-defaults';
import {
  draftFromProfile,
  emptyDraft,
  storedSecretsOf,
  type BrokerDraft,
  type ProfileDraft,
  type StoredSecrets,
} from '../profile/profile-draft';
import { secretRequest } from '../profile/secret-edit';
import { SecretEditState } from './secret-edit-state.svelte';

/** The `profiles.save` request an editor sends. */
export interface SaveRequest {
  profile: Record<string, unknown>;
  replacing?: string;
  password?: string | null;
  keyPassphrase?: string | null;
}

/** What became of a save: done, or refused with field errors. */
export type SaveAnswer = { ok: true } | { ok: false; errors: CallIssue[] };

type BrokerField = 'id' | 'label' | 'url' | 'tlsServerName';

// Paths of the fields the form shows once; broker paths depend on the rows and are matched apart.
const FIELD_PATHS = new Set<string>([
  'name',
  'brokers',
  'username',
  'password',
  'keyPassphrase',
  'tls',
  'tls.caFile',
  'tls.certFile',
  'tls.keyFile',
  'tls.serverName',
  'tls.verify',
  'mqttVersion',
  'failover.mode',
  'failover.backoff.jitter',
  ...NUMBER_PATHS,
  ...TOPIC_KEYS.map((key) => `topics.${key}`),
]);
const BROKER_PATH = /^brokers\.(\d+)\.(id|label|url|tlsServerName)$/;

/**
 * One profile being created or edited: the draft, the two write-only secrets, and the errors of
 * the last save, each placed under the field it names. Broker errors follow their row when the
 * operator moves it.
 */
export class ProfileEditor {
  draft: ProfileDraft;
  readonly password = new SecretEditState();
  readonly keyPassphrase = new SecretEditState();
  errors = $state<PlacedErrors>(NO_ERRORS);
  saving = $state(false);
  /** The stored name of the profile being edited; undefined for a new one. */
  readonly replacing: string | undefined;
  readonly stored: StoredSecrets;
  /** Row keys in the order they had when the errors came back: `brokers.1` means the second of these. */
  private errorRows = $state<number[]>([]);
  private nextKey: number;

  /** Fields showing an error under them. */
  readonly fieldsWithErrors: number = $derived(this.errors.byPath.size);
  readonly topicsHaveErrors: boolean = $derived(TOPIC_KEYS.some((key) => this.errors.byPath.has(`topics.${key}`)));

  constructor(
    private readonly send: (request: SaveRequest) => Promise<SaveAnswer>,
    profile?: Profile,
  ) {
    this.draft = $state(profile ? draftFromProfile(profile, 1) : emptyDraft(1));
    this.nextKey = this.draft.brokers.length + 1;
    this.replacing = profile?.name;
    this.stored = storedSecretsOf(profile);
  }

  addBroker(): void {
    this.draft.brokers.push(newBrokerRow(this.draft.brokers, this.nextKey++));
  }

  removeBroker(key: number): void {
    this.draft.brokers = this.draft.brokers.filter((row) => row.key !== key);
  }

  moveBroker(key: number, by: -1 | 1): void {
    const index = this.draft.brokers.findIndex((row) => row.key === key);
    this.draft.brokers = moveRow(this.draft.brokers, index, by);
  }

  /** A broker row's inputs write here: the rows are the editor's, not the row component's. */
  setBrokerField(key: number, field: BrokerField, value: string): void {
    const row = this.draft.brokers.find((r) => r.key === key);
    if (row) row[field] = value;
  }

  fieldErrors(path: string): readonly string[] {
    return this.errors.byPath.get(path) ?? [];
  }

  brokerErrors(row: BrokerDraft, field: BrokerField): readonly string[] {
    const index = this.errorRows.indexOf(row.key);
    return index < 0 ? [] : this.fieldErrors(`brokers.${index}.${field}`);
  }

  /** Sends the draft; true when it was saved. */
  async save(): Promise<boolean> {
    if (this.saving) return false;
    const rows = this.draft.brokers.map((row) => row.key);
    const converted = draftToProfile(this.draft);
    if (!converted.ok) {
      this.showErrors(converted.issues, rows);
      return false;
    }
    const request: SaveRequest = { profile: converted.profile };
    if (this.replacing !== undefined) request.replacing = this.replacing;
    const password = secretRequest(this.password);
    if (password !== undefined) request.password = password;
    const keyPassphrase = secretRequest(this.keyPassphrase);
    if (keyPassphrase !== undefined) request.keyPassphrase = keyPassphrase;

    this.saving = true;
    try {
      const answer = await this.send(request);
      this.showErrors(answer.ok ? [] : answer.errors, rows);
      return answer.ok;
    } finally {
      this.saving = false;
    }
  }

  private showErrors(errors: readonly CallIssue[], rows: number[]): void {
    this.errorRows = rows;
    this.errors = placeErrors(errors, (path) => {
      if (FIELD_PATHS.has(path)) return true;
      const match = BROKER_PATH.exec(path);
      return match !== null && Number(match[1]) < rows.length;
    });
  }
}
