import type { z } from 'zod';
import type { PolicyKind } from './policy-names';
import { BlockingConditionSchema, type BlockingCondition } from './blocking-schema';
import { CustomRuleSchema, type CustomRule } from './custom-rule-schema';
import { humanError, toPolicyIssues, type PolicyIssue } from './human-issue';
import { tooDeepMessage, tooDeepPath } from './json-depth';
import {
  AdvancedPolicySchema,
  ApplicationPolicySchema,
  SubscriptionPolicySchema,
  type AdvancedPolicy,
  type ApplicationPolicy,
  type SubscriptionPolicy,
} from './policy-schema';

export { POLICY_KINDS, type PolicyKind } from './policy-names';

export interface PolicyByKind {
  advanced: AdvancedPolicy;
  application: ApplicationPolicy;
  subscription: SubscriptionPolicy;
  custom: CustomRule;
  blocking: BlockingCondition;
}

export const POLICY_SCHEMAS: { [K in PolicyKind]: z.ZodType<PolicyByKind[K]> } = {
  advanced: AdvancedPolicySchema,
  application: ApplicationPolicySchema,
  subscription: SubscriptionPolicySchema,
  custom: CustomRuleSchema,
  blocking: BlockingConditionSchema,
};

export type ValidationResult<T> = { ok: true; policy: T } | { ok: false; errors: PolicyIssue[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The policy inside an export file (`{"type": "throttling policy", "subtype": …, "data": {…}}`),
 * with the path prefix its fields have in that file; other bodies as they are.
 */
export function unwrapExport(body: unknown): { body: unknown; prefix: string[] } {
  if (isObject(body) && body.type === 'throttling policy' && 'data' in body)
    return { body: body.data, prefix: ['data'] };
  return { body, prefix: [] };
}

/** Validates an admin REST body as `kind`. Never throws; errors carry JSON paths. */
export function validatePolicy<K extends PolicyKind>(kind: K, body: unknown): ValidationResult<PolicyByKind[K]> {
  const inner = unwrapExport(body);
  const deep = tooDeepPath(inner.body);
  if (deep !== undefined)
    return { ok: false, errors: [{ path: [...inner.prefix, deep].join('.'), message: tooDeepMessage() }] };
  const schema = POLICY_SCHEMAS[kind] as z.ZodType<PolicyByKind[K]>;
  const result = schema.safeParse(inner.body, { error: humanError });
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, errors: toPolicyIssues(result.error, inner.prefix) };
}

const TYPE_NAMES: [RegExp, PolicyKind][] = [
  [/^(advanced|api)/i, 'advanced'],
  [/^app/i, 'application'],
  [/^sub/i, 'subscription'],
  [/^custom/i, 'custom'],
  [/^(block|deny)/i, 'blocking'],
];

const SUBSCRIPTION_ONLY = [
  'rateLimitCount',
  'rateLimitTimeUnit',
  'stopOnQuotaReach',
  'billingPlan',
  'customAttributes',
  'graphQLMaxComplexity',
  'graphQLMaxDepth',
  'subscriberCount',
];

/**
 * Which kind a body is: its `type` (or an export file's `subtype`) when present, otherwise the
 * fields only one kind has, and application when there is only a default limit.
 */
export function detectPolicyKind(body: unknown): PolicyKind | undefined {
  if (isObject(body) && body.type === 'throttling policy') {
    const subtype = typeof body.subtype === 'string' ? body.subtype : '';
    const named = TYPE_NAMES.find(([pattern]) => pattern.test(subtype));
    return named ? named[1] : detectPolicyKind(body.data);
  }
  if (!isObject(body)) return undefined;
  if (typeof body.type === 'string') {
    const named = TYPE_NAMES.find(([pattern]) => pattern.test(body.type as string));
    if (named) return named[1];
  }
  if ('conditionType' in body) return 'blocking';
  if ('siddhiQuery' in body || 'keyTemplate' in body) return 'custom';
  if ('conditionalGroups' in body) return 'advanced';
  if (SUBSCRIPTION_ONLY.some((name) => name in body)) return 'subscription';
  if ('defaultLimit' in body) return 'application';
  return undefined;
}

export type AnyPolicyResult =
  { ok: true; kind: PolicyKind; policy: PolicyByKind[PolicyKind] } | { ok: false; errors: PolicyIssue[] };

/** Validates a body of unknown kind: `kind` when given, otherwise the detected one. */
export function validateAnyPolicy(body: unknown, kind?: PolicyKind): AnyPolicyResult {
  const chosen = kind ?? detectPolicyKind(body);
  if (!chosen) {
    return {
      ok: false,
      errors: [
        {
          path: '(root)',
          message:
            'cannot tell the policy type: expected a "type" field or the fields of an advanced, application, subscription or custom policy, or of a blocking condition',
        },
      ],
    };
  }
  const result = validatePolicy(chosen, body);
  return result.ok ? { ok: true, kind: chosen, policy: result.policy } : result;
}
