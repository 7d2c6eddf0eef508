import type { CallIssue } from '../../../../electron/core/host/call-result';
import { keyOfPath, type RowKeys } from './field-path';

/** Save errors by the key of the field that shows them; the rest for the summary, with their paths. */
export interface PlacedPolicyErrors {
  byKey: ReadonlyMap<string, readonly string[]>;
  unplaced: readonly CallIssue[];
}

export const NO_POLICY_ERRORS: PlacedPolicyErrors = { byKey: new Map(), unplaced: [] };

/** `rows` are the row keys when the errors came; `shown` the keys the form shows now. */
export function placePolicyErrors(
  issues: readonly CallIssue[],
  rows: RowKeys,
  shown: ReadonlySet<string>,
): PlacedPolicyErrors {
  const byKey = new Map<string, string[]>();
  const unplaced: CallIssue[] = [];
  for (const issue of issues) {
    const key = keyOfPath(issue.path, rows);
    if (shown.has(key)) byKey.set(key, [...(byKey.get(key) ?? []), issue.message]);
    else unplaced.push(issue);
  }
  return { byKey, unplaced };
}

/** "defaultLimit.requestCount: is required"; the body itself ("(root)" or "") goes unnamed. */
export function issueWords(issue: CallIssue): string {
  return issue.path === '' || issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`;
}
