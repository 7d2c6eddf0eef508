import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePolicy, type PolicyKind } from '../../../electron/core/policy/policy-validator';
import type { PolicyIssue } from '../../../electron/core/policy/human-issue';

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>;
}

/** The errors of a body that must be invalid (fails the test when it is valid). */
export function errorsOf(kind: PolicyKind, body: unknown): PolicyIssue[] {
  const result = validatePolicy(kind, body);
  if (result.ok) throw new Error(`expected the ${kind} body to be invalid: ${JSON.stringify(body)}`);
  return result.errors;
}

export function countLimit(requestCount: unknown, timeUnit: unknown = 'min', unitTime: unknown = 1) {
  return { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit, unitTime, requestCount } };
}

export function headerCondition(name: string, value: string, invertCondition = false) {
  return { type: 'HEADERCONDITION', invertCondition, headerCondition: { headerName: name, headerValue: value } };
}

export function advanced(groups: unknown[], defaultLimit: unknown = countLimit(1000)) {
  return { policyName: 'Tiers', defaultLimit, conditionalGroups: groups };
}
