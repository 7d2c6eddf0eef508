import type { PolicyKind } from '../../../../electron/core/policy/policy-names';
import { isJsonObject, textOf, type JsonObject } from './body-fields';
import { conditionDraft, type ConditionDraft } from './condition-draft';
import type { RowKeys } from './field-path';
import { limitDraft, type LimitDraft } from './limit-draft';
import { numberText } from './number-text';

// A policy on the form: the fields every type has, and each type's own; the body it came from
// keeps what the form does not show. One draft shape for every type keeps binding simple; the
// body takes only the sections of its type.

export type BurstUnit = '' | 'sec' | 'min';
export type BillingPlan = '' | 'FREE' | 'COMMERCIAL';

export interface GroupDraft {
  key: number;
  description: string;
  limit: LimitDraft;
  conditions: ConditionDraft[];
  base: JsonObject;
}

export interface AttributeDraft {
  key: number;
  name: string;
  value: string;
  base: JsonObject;
}

export interface SubscriptionDraft {
  rateLimitCount: string;
  rateLimitTimeUnit: BurstUnit;
  stopOnQuotaReach: boolean;
  billingPlan: BillingPlan;
  customAttributes: AttributeDraft[];
  graphQLMaxComplexity: string;
  graphQLMaxDepth: string;
  subscriberCount: string;
}

export interface PolicyDraft {
  kind: PolicyKind;
  policyName: string;
  displayName: string;
  description: string;
  defaultLimit: LimitDraft;
  groups: GroupDraft[];
  subscription: SubscriptionDraft;
  siddhiQuery: string;
  keyTemplate: string;
  base: JsonObject;
}

/** Policy types the form covers; blocking conditions are edited as JSON (or in their own panel). */
export const FORM_KINDS = ['advanced', 'application', 'subscription', 'custom'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export function hasForm(kind: PolicyKind): kind is FormKind {
  return (FORM_KINDS as readonly string[]).includes(kind);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function draftFromBody(kind: PolicyKind, body: unknown, nextKey: () => number): PolicyDraft {
  const base = isJsonObject(body) ? body : {};
  const burst = base.rateLimitTimeUnit;
  const plan = base.billingPlan;
  return {
    kind,
    policyName: textOf(base.policyName),
    displayName: textOf(base.displayName),
    description: textOf(base.description),
    defaultLimit: limitDraft(base.defaultLimit),
    groups: list(base.conditionalGroups).map((value) => {
      const group = isJsonObject(value) ? value : {};
      return {
        key: nextKey(),
        description: textOf(group.description),
        limit: limitDraft(group.limit),
        conditions: list(group.conditions).map((condition) => conditionDraft(condition, nextKey())),
        base: group,
      };
    }),
    subscription: {
      rateLimitCount: numberText(base.rateLimitCount),
      rateLimitTimeUnit: burst === 'sec' || burst === 'min' ? burst : '',
      stopOnQuotaReach: base.stopOnQuotaReach === true,
      billingPlan: plan === 'FREE' || plan === 'COMMERCIAL' ? plan : '',
      customAttributes: list(base.customAttributes).map((value) => {
        const attribute = isJsonObject(value) ? value : {};
        return { key: nextKey(), name: textOf(attribute.name), value: textOf(attribute.value), base: attribute };
      }),
      graphQLMaxComplexity: numberText(base.graphQLMaxComplexity),
      graphQLMaxDepth: numberText(base.graphQLMaxDepth),
      subscriberCount: numberText(base.subscriberCount),
    },
    siddhiQuery: textOf(base.siddhiQuery),
    keyTemplate: textOf(base.keyTemplate),
    base,
  };
}

/** A new limit: per minute, the amount left for the operator to type. */
export const PER_MINUTE = { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1 } };

/** What a new policy of each type starts from. */
export const NEW_POLICY_BODIES: Record<FormKind, JsonObject> = {
  application: { policyName: '', description: '', defaultLimit: PER_MINUTE },
  advanced: { policyName: '', description: '', defaultLimit: PER_MINUTE, conditionalGroups: [] },
  subscription: {
    policyName: '',
    description: '',
    defaultLimit: PER_MINUTE,
    stopOnQuotaReach: true,
    billingPlan: 'FREE',
    customAttributes: [],
  },
  custom: { policyName: '', description: '', siddhiQuery: '', keyTemplate: '' },
};

export function rowKeysOf(draft: PolicyDraft): RowKeys {
  return {
    groups: draft.groups.map((group) => ({ key: group.key, conditions: group.conditions.map((c) => c.key) })),
    attributes: draft.subscription.customAttributes.map((attribute) => attribute.key),
  };
}
