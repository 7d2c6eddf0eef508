import { z } from 'zod';
import { ThrottleConditionSchema, type ConditionType, type ThrottleCondition } from './condition-schema';
import { ThrottleLimitSchema } from './limit-schema';

// Throttling policies in the admin REST API's JSON shape. Objects are loose: fields this schema
// does not know (policyId, isDeployed, type, monetization, permissions…) pass through untouched,
// so a policy exported from a platform validates as it is and exports back the same.

export const POLICY_TYPES = ['advanced', 'application', 'subscription', 'custom'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const PolicyNameSchema = z
  .string()
  .regex(/\S/, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  // Throttle keys use ":" as a separator and tiers are matched by exact name.
  .regex(/^[^\s:]*$/, 'must not contain spaces or ":" (it becomes part of throttle keys)');

export const policyCommon = {
  policyName: PolicyNameSchema,
  displayName: z.string().nullish(),
  description: z.string().nullish(),
};

const nonNegativeCount = z.number().int('must be a whole number').min(0, 'must not be negative');

function conditionKey(condition: ThrottleCondition): string | undefined {
  switch (condition.type) {
    case 'HEADERCONDITION':
      return `header "${condition.headerCondition.headerName.toLowerCase()}"`;
    case 'QUERYPARAMETERCONDITION':
      return `query parameter "${condition.queryParameterCondition.parameterName}"`;
    case 'JWTCLAIMSCONDITION':
      return `JWT claim "${condition.jwtClaimsCondition.claimUrl}"`;
    case 'IPCONDITION':
      return condition.ipCondition.ipConditionType === 'IPSPECIFIC' ? 'a specific IP' : 'an IP range';
  }
}

export const ConditionalGroupSchema = z
  .looseObject({
    description: z.string().nullish(),
    conditions: z.array(ThrottleConditionSchema).min(1, 'needs at least one condition'),
    limit: ThrottleLimitSchema,
  })
  .superRefine((group, ctx) => {
    // A group's conditions of one kind merge into one map keyed by name, so a name used twice
    // would silently keep only one of its values.
    const seen = new Map<string, number>();
    group.conditions.forEach((condition, index) => {
      const key = conditionKey(condition);
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['conditions', index],
          message: `repeats ${key} of conditions.${first}; a group can test it only once`,
        });
    });
  });

export const AdvancedPolicySchema = z
  .looseObject({
    ...policyCommon,
    defaultLimit: ThrottleLimitSchema,
    conditionalGroups: z.array(ConditionalGroupSchema).nullish(),
  })
  .superRefine((policy, ctx) => {
    const groups = policy.conditionalGroups ?? [];
    // The gateway applies one invert flag per condition type, so every condition of a type
    // must agree on it across all groups.
    const firstInvert = new Map<ConditionType, { invert: boolean; at: string }>();
    const descriptions = new Map<string, number>();
    groups.forEach((group, groupIndex) => {
      group.conditions.forEach((condition, conditionIndex) => {
        const invert = condition.invertCondition ?? false;
        const first = firstInvert.get(condition.type);
        const at = `conditionalGroups.${groupIndex}.conditions.${conditionIndex}`;
        if (!first) firstInvert.set(condition.type, { invert, at });
        else if (first.invert !== invert)
          ctx.addIssue({
            code: 'custom',
            path: ['conditionalGroups', groupIndex, 'conditions', conditionIndex, 'invertCondition'],
            message: `must be ${first.invert} like the ${condition.type} at ${first.at}: every ${condition.type} must use the same invertCondition`,
          });
      });
      const description = group.description?.trim();
      if (!description) return;
      const first = descriptions.get(description.toLowerCase());
      if (first === undefined) descriptions.set(description.toLowerCase(), groupIndex);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['conditionalGroups', groupIndex, 'description'],
          message: `"${description}" is already the description of conditionalGroups.${first}; descriptions must be unique`,
        });
    });
  });

export const ApplicationPolicySchema = z.looseObject({ ...policyCommon, defaultLimit: ThrottleLimitSchema });

export const CustomAttributeSchema = z.looseObject({
  name: z.string().regex(/\S/, 'must not be empty'),
  value: z.string(),
});

export const SubscriptionPolicySchema = z
  .looseObject({
    ...policyCommon,
    defaultLimit: ThrottleLimitSchema,
    rateLimitCount: nonNegativeCount.nullish(),
    // Burst control is enforced per second or per minute at the gateway.
    rateLimitTimeUnit: z.enum(['sec', 'min']).nullish(),
    stopOnQuotaReach: z.boolean().nullish(),
    billingPlan: z.enum(['FREE', 'COMMERCIAL']).nullish(),
    customAttributes: z.array(CustomAttributeSchema).nullish(),
    graphQLMaxComplexity: nonNegativeCount.nullish(),
    graphQLMaxDepth: nonNegativeCount.nullish(),
    subscriberCount: nonNegativeCount.nullish(),
  })
  .superRefine((policy, ctx) => {
    if ((policy.rateLimitCount ?? 0) > 0 && !policy.rateLimitTimeUnit) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateLimitTimeUnit'],
        message: 'is required when rateLimitCount (burst control) is set: "sec" or "min"',
      });
    }
    const names = new Map<string, number>();
    (policy.customAttributes ?? []).forEach((attribute, index) => {
      const first = names.get(attribute.name);
      if (first === undefined) names.set(attribute.name, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['customAttributes', index, 'name'],
          message: `"${attribute.name}" is already used by customAttributes.${first}`,
        });
    });
  });

export type AdvancedPolicy = z.output<typeof AdvancedPolicySchema>;
export type ConditionalGroup = z.output<typeof ConditionalGroupSchema>;
export type ApplicationPolicy = z.output<typeof ApplicationPolicySchema>;
export type SubscriptionPolicy = z.output<typeof SubscriptionPolicySchema>;
