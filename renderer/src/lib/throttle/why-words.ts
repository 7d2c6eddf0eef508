import type { LiveRow } from '../../../../electron/core/throttle/delta-types';
import type { KeyLevel, ThrottleCondition } from '../../../../electron/core/throttle/message-types';

// The "why" of a throttled key in sentences: which policy level, which conditions, who said so.

/** The core's default grace window for disagreement; the contract does not carry the configured one. */
export const GRACE_MS = 2_000;

export const LEVEL_LABELS: Record<KeyLevel, string> = {
  application: 'Application',
  subscription: 'Subscription',
  api: 'API',
  resource: 'Resource',
  custom: 'Custom',
};

const LEVEL_WORDS: Record<KeyLevel, string> = {
  application: "Application policy: this application's quota for one user ran out in the current window.",
  subscription: "Subscription policy: this application's quota on one API ran out in the current window.",
  api: 'API policy: the quota of the whole API, across all applications, ran out in the current window.',
  resource: 'Resource policy: the quota of one resource (path and verb) ran out in the current window.',
  custom: 'Custom rule: a key built from a key template reached its limit.',
};

export function levelWords(level: KeyLevel): string {
  return LEVEL_WORDS[level];
}

export interface ConditionWords {
  /** What matched, as one sentence. */
  lead: string;
  /** Each condition of the matched group, readable (`header x-tier = free`, `not IP 10.0.0.1`). */
  conditions: string[];
}

export function conditionWords(row: Pick<LiveRow, 'level' | 'parts' | 'conditions'>): ConditionWords {
  const conditions = row.conditions.map(conditionText);
  const group = row.parts.conditionGroup;
  if (row.level === 'application' || row.level === 'subscription')
    return { lead: 'No conditions: this level counts every request of the key.', conditions };
  if (group === 'default')
    return {
      lead: 'The default limit matched: no condition group of the policy applied to these requests.',
      conditions,
    };
  if (group !== undefined)
    return {
      lead:
        conditions.length === 0
          ? `Condition group ${group} matched; the traffic manager did not say which conditions it holds.`
          : `Condition group ${group} matched: requests where ${joinAnd(conditions)}.`,
      conditions,
    };
  return {
    lead: conditions.length === 0 ? 'The decision carries no conditions.' : `Conditions: ${joinAnd(conditions)}.`,
    conditions,
  };
}

function conditionText(condition: ThrottleCondition): string {
  return condition.kind === 'unreadable' ? `unreadable conditions (${condition.text})` : condition.text;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** "Reported by Traffic manager 1 and Traffic manager 2, the last 35 ms after the first." */
export function reportedWords(row: Pick<LiveRow, 'reportedBy' | 'skewMs'>, labelOf: (id: string) => string): string {
  if (row.reportedBy.length === 0) return 'No connected traffic manager has reported this decision.';
  const who = joinAnd(row.reportedBy.toSorted().map(labelOf));
  if (row.reportedBy.length === 1) return `Reported by ${who} only.`;
  if (row.skewMs <= 0) return `Reported by ${who}, at the same moment.`;
  return `Reported by ${who}, the last ${Math.round(row.skewMs)} ms after the first.`;
}

/** One sentence per disagreeing traffic manager; none when they all agree. */
export function disagreementWords(
  row: Pick<LiveRow, 'disagreement'>,
  labelOf: (id: string) => string,
  graceMs = GRACE_MS,
): string[] {
  return row.disagreement.map(({ broker, kind }) =>
    kind === 'missing'
      ? `${labelOf(broker)} did not report this decision within ${graceMs / 1000} s — the double-counting symptom: its counters differ, and gateways listening to it let these requests through.`
      : `${labelOf(broker)} reports the opposite state for the same window.`,
  );
}
