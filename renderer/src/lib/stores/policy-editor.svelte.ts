import type { CallIssue } from '../../../../electron/core/host/call-result';
import type { PolicyKind } from '../../../../electron/core/policy/policy-names';
import { isJsonObject } from '../policy/body-fields';
import { newCondition, type ConditionDraft, type ValueName } from '../policy/condition-draft';
import { draftToBody } from '../policy/draft-to-body';
import { NO_ROWS, type RowKeys } from '../policy/field-path';
import { limitDraft, type LimitDraft } from '../policy/limit-draft';
import { NO_POLICY_ERRORS, placePolicyErrors, type PlacedPolicyErrors } from '../policy/place-errors';
import {
  draftFromBody,
  hasForm,
  PER_MINUTE,
  rowKeysOf,
  type GroupDraft,
  type PolicyDraft,
} from '../policy/policy-draft';
import { shownKeys } from '../policy/shown-fields';

/** What the editor hands its store to save: the body and the type it is to be checked as. */
export interface PolicySave {
  body: unknown;
  kind: PolicyKind;
}

/** What became of a save: done, or refused with errors by JSON path. */
export type PolicySaveAnswer = { ok: true } | { ok: false; errors: CallIssue[] };

type LimitChange = Partial<Omit<LimitDraft, 'base'>>;
type ConditionChange = Partial<Pick<ConditionDraft, 'type' | 'invert' | 'ipConditionType'>>;

/**
 * One policy being created or edited: a form for what every type has, a JSON text for the whole
 * body (and for what the form does not cover), and the errors of the last save under the fields
 * they name. Errors follow their row when rows are added or removed.
 */
export class PolicyEditor {
  draft: PolicyDraft;
  mode = $state<'form' | 'json'>('form');
  jsonText = $state('');
  /** Why the JSON text cannot become a form or a body; null when it can. */
  jsonError = $state<string | null>(null);
  issues = $state<CallIssue[]>([]);
  saving = $state(false);
  /** The key being edited; null for a new policy. */
  readonly editing: string | null;
  readonly kind: PolicyKind;
  readonly formAvailable: boolean;
  /** Row keys as they were when the errors came back. */
  private errorRows = $state<RowKeys>(NO_ROWS);
  private nextKey = 1;

  readonly placed: PlacedPolicyErrors = $derived.by(() =>
    this.issues.length === 0 ? NO_POLICY_ERRORS : placePolicyErrors(this.issues, this.errorRows, shownKeys(this.draft)),
  );
  /** Fields showing an error under them. */
  readonly fieldsWithErrors: number = $derived(this.mode === 'form' ? this.placed.byKey.size : 0);

  constructor(
    private readonly send: (save: PolicySave) => Promise<PolicySaveAnswer>,
    kind: PolicyKind,
    body: unknown,
    editing: string | null = null,
  ) {
    this.kind = kind;
    this.editing = editing;
    this.formAvailable = hasForm(kind);
    this.draft = $state(draftFromBody(kind, body, () => this.nextKey++));
    if (!this.formAvailable) {
      this.mode = 'json';
      this.jsonText = JSON.stringify(body, null, 2);
    }
  }

  /** Errors the form shows under the field (or box) with this key. */
  errorsAt(key: string): readonly string[] {
    return this.mode === 'form' ? (this.placed.byKey.get(key) ?? []) : [];
  }

  /** Errors no field shows: all of them in JSON mode. */
  get summaryIssues(): readonly CallIssue[] {
    return this.mode === 'form' ? this.placed.unplaced : this.issues;
  }

  addGroup(): void {
    this.draft.groups.push({
      key: this.nextKey++,
      description: '',
      limit: limitDraft(PER_MINUTE),
      conditions: [newCondition(this.nextKey++)],
      base: {},
    });
  }

  removeGroup(key: number): void {
    this.draft.groups = this.draft.groups.filter((group) => group.key !== key);
  }

  addCondition(groupKey: number): void {
    this.group(groupKey)?.conditions.push(newCondition(this.nextKey++));
  }

  removeCondition(groupKey: number, key: number): void {
    const group = this.group(groupKey);
    if (group) group.conditions = group.conditions.filter((condition) => condition.key !== key);
  }

  // The rows' fields write through the editor: the draft is its own, not the row components'.

  setGroupDescription(key: number, description: string): void {
    const group = this.group(key);
    if (group) group.description = description;
  }

  /** Changes the default limit (no group key) or the limit of the group with this key. */
  editLimit(groupKey: number | null, change: LimitChange): void {
    const limit = groupKey === null ? this.draft.defaultLimit : this.group(groupKey)?.limit;
    if (limit) Object.assign(limit, change);
  }

  editCondition(groupKey: number, key: number, change: ConditionChange): void {
    const condition = this.condition(groupKey, key);
    if (condition) Object.assign(condition, change);
  }

  setConditionValue(groupKey: number, key: number, field: ValueName, value: string): void {
    const condition = this.condition(groupKey, key);
    if (condition) condition.values[field] = value;
  }

  addAttribute(): void {
    this.draft.subscription.customAttributes.push({ key: this.nextKey++, name: '', value: '', base: {} });
  }

  removeAttribute(key: number): void {
    const s = this.draft.subscription;
    s.customAttributes = s.customAttributes.filter((attribute) => attribute.key !== key);
  }

  /** The whole body as JSON text; stays on the form when a number field holds text. */
  showJson(): void {
    const converted = draftToBody(this.draft);
    if (!converted.ok) {
      this.showErrors(converted.issues);
      return;
    }
    this.jsonText = JSON.stringify(converted.body, null, 2);
    this.jsonError = null;
    this.mode = 'json';
  }

  /** Back to the form from the text; stays on the text when it is not a JSON object. */
  showForm(): void {
    if (!this.formAvailable) return;
    const parsed = this.parseJson();
    if (parsed === undefined) return;
    this.draft = draftFromBody(this.kind, parsed, () => this.nextKey++);
    // The errors were about this same body: its rows are the ones they count.
    this.errorRows = rowKeysOf(this.draft);
    this.mode = 'form';
  }

  /** Sends the body; true when it was saved. */
  async save(): Promise<boolean> {
    if (this.saving) return false;
    let body: unknown;
    if (this.mode === 'json') {
      body = this.parseJson();
      if (body === undefined) return false;
      if (this.formAvailable) this.draft = draftFromBody(this.kind, body, () => this.nextKey++);
    } else {
      // A plain copy: the draft's reactive proxies, kept in the body for what the form does not
      // show, cannot be structured-cloned, and Electron's IPC clones every request.
      const converted = draftToBody($state.snapshot(this.draft));
      if (!converted.ok) {
        this.showErrors(converted.issues);
        return false;
      }
      body = converted.body;
    }
    const rows = rowKeysOf(this.draft);
    this.saving = true;
    try {
      const answer = await this.send({ body, kind: this.kind });
      this.errorRows = rows;
      this.issues = answer.ok ? [] : answer.errors;
      return answer.ok;
    } finally {
      this.saving = false;
    }
  }

  private group(key: number): GroupDraft | undefined {
    return this.draft.groups.find((group) => group.key === key);
  }

  private condition(groupKey: number, key: number): ConditionDraft | undefined {
    return this.group(groupKey)?.conditions.find((condition) => condition.key === key);
  }

  private showErrors(issues: CallIssue[]): void {
    this.errorRows = rowKeysOf(this.draft);
    this.issues = issues;
  }

  private parseJson(): Record<string, unknown> | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.jsonText);
    } catch (error) {
      this.jsonError = `The text is not JSON: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    if (!isJsonObject(parsed)) {
      this.jsonError = 'The text must be one JSON object: the policy body.';
      return undefined;
    }
    this.jsonError = null;
    return parsed;
  }
}
