import type { BlockingCondition } from './blocking-schema';
import type { ControlKind } from './control-message';
import { policyDigest } from './policy-digest';
import { describeKey, parsePolicyKey, policyKey, type ReportedEntry } from './policy-key';
import type { PolicyByKind, PolicyKind } from './policy-validator';
import type { SyncTarget } from './sync-target';

// What a push sends and what every traffic manager must show afterwards, and at which revision.
// Pure: revisions come from what the TMs report and the highest revision used locally, so a new
// push is always above anything a TM holds for the key (a TM refuses older revisions).

export interface PlannedChange {
  kind: ControlKind;
  key: string;
  subject: string;
  revision: number;
  body: unknown;
  target: SyncTarget | null;
  /** The pushed content's digest; null for removals and counter resets. */
  digest: string | null;
}

export type ValidPolicy = { kind: PolicyKind; policy: PolicyByKind[PolicyKind] };

/** A validated policy's name: its policyName, or a blocking condition's id. */
export function nameOfPolicy({ kind, policy }: ValidPolicy): string {
  return kind === 'blocking'
    ? String((policy as BlockingCondition).conditionId ?? '')
    : (policy as PolicyByKind['application']).policyName;
}

export function keyOfPolicy(valid: ValidPolicy): string {
  return policyKey(valid.kind, nameOfPolicy(valid));
}

/** 'application policy "Gold"'; a blocking condition without an id by its type. */
export function describePolicy(valid: ValidPolicy): string {
  if (valid.kind === 'blocking' && nameOfPolicy(valid) === '')
    return `${(valid.policy as BlockingCondition).conditionType} blocking condition without an id`;
  return describeKey(keyOfPolicy(valid));
}

const highest = (reported: readonly ReportedEntry[]): number => Math.max(0, ...reported.map((r) => r.revision));

/**
 * The revision to deploy content with `digest` at: the one TMs already run when the newest of
 * them is this very content (a push then confirms it), otherwise one above everything used.
 */
export function deployRevision(digest: string, reported: readonly ReportedEntry[], lastUsed: number): number {
  const top = highest(reported);
  const newestIsThis = reported.some((r) => r.revision === top && r.digest === digest);
  if (top > 0 && newestIsThis && top >= lastUsed) return top;
  return Math.max(top, lastUsed) + 1;
}

export function removalRevision(reported: readonly ReportedEntry[], lastUsed: number): number {
  return Math.max(highest(reported), lastUsed) + 1;
}

/** Whether the catalog's current revision must be renumbered before it can be pushed, and why. */
export function renumberReason(
  current: { revision: number; digest: string },
  lastUsed: number,
  reported: readonly ReportedEntry[],
): string | undefined {
  if (lastUsed > current.revision) return `revision ${lastUsed} was used after it (an undeploy)`;
  const above = reported.find((r) => r.revision > current.revision);
  if (above) return `a traffic manager runs revision ${above.revision}`;
  const clash = reported.find((r) => r.revision === current.revision && r.digest !== current.digest);
  if (clash) return `a traffic manager runs revision ${clash.revision} with other content`;
  return undefined;
}

export function deployChange(valid: ValidPolicy, revision: number): PlannedChange {
  const key = keyOfPolicy(valid);
  const digest = policyDigest(valid.policy);
  const target: SyncTarget = { key, present: true, revision, digest };
  const subject = describeKey(key);
  if (valid.kind === 'blocking')
    return { kind: 'block.add', key, subject, revision, body: valid.policy, target, digest };
  return {
    kind: 'policy.deploy',
    key,
    subject,
    revision,
    body: { policyType: valid.kind, policy: valid.policy },
    target,
    digest,
  };
}

export function removalChange(key: string, revision: number): PlannedChange | undefined {
  const parsed = parsePolicyKey(key);
  if (!parsed) return undefined;
  const target: SyncTarget = { key, present: false, revision, digest: null };
  const subject = describeKey(key);
  if (parsed.kind === 'blocking')
    return { kind: 'block.remove', key, subject, revision, body: { conditionId: parsed.name }, target, digest: null };
  return {
    kind: 'policy.undeploy',
    key,
    subject,
    revision,
    body: { policyType: parsed.kind, policyName: parsed.name },
    target,
    digest: null,
  };
}

/** A counter reset changes no deployment: nothing to watch for, and its revision carries no meaning. */
export function resetChange(throttleKey: string): PlannedChange {
  return {
    kind: 'counters.reset',
    key: throttleKey,
    subject: `the counters of throttle key "${throttleKey}"`,
    revision: 1,
    body: { throttleKey },
    target: null,
    digest: null,
  };
}
