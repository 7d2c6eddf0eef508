import { conditionPaths } from './condition-draft';
import { child, item, ROOT, type FieldPath } from './field-path';
import { limitPaths, type LimitDraft } from './limit-draft';
import type { PolicyDraft } from './policy-draft';

// The keys of every place on the form that shows errors, for the draft as it is now: the
// fields, and the boxes around rows and limits (for errors about the whole of one).

const COMMON_FIELDS = ['policyName', 'displayName', 'description'] as const;
const SUBSCRIPTION_FIELDS = [
  'rateLimitCount',
  'rateLimitTimeUnit',
  'stopOnQuotaReach',
  'billingPlan',
  'graphQLMaxComplexity',
  'graphQLMaxDepth',
  'subscriberCount',
] as const;
const CUSTOM_FIELDS = ['siddhiQuery', 'keyTemplate'] as const;

function limitKeys(at: FieldPath, draft: LimitDraft): string[] {
  const paths = limitPaths(at, draft);
  const keys = [paths.whole, paths.type, paths.inner, paths.amount, paths.unitTime, paths.timeUnit];
  if (draft.type === 'BANDWIDTHLIMIT') keys.push(paths.dataUnit);
  return keys.map((p) => p.key);
}

export function shownKeys(draft: PolicyDraft): Set<string> {
  const keys: string[] = [...COMMON_FIELDS];
  if (draft.kind === 'custom') keys.push(...CUSTOM_FIELDS);
  else keys.push(...limitKeys(child(ROOT, 'defaultLimit'), draft.defaultLimit));
  if (draft.kind === 'advanced') {
    const groups = child(ROOT, 'conditionalGroups');
    keys.push(groups.key);
    draft.groups.forEach((group, g) => {
      const at = item(groups, g, group.key);
      const conditions = child(at, 'conditions');
      keys.push(at.key, child(at, 'description').key, conditions.key);
      keys.push(...limitKeys(child(at, 'limit'), group.limit));
      group.conditions.forEach((condition, c) => {
        const paths = conditionPaths(item(conditions, c, condition.key), condition);
        keys.push(paths.whole.key, paths.type.key, paths.invert.key, paths.inner.key);
        if (condition.type === 'IPCONDITION') keys.push(paths.ipConditionType.key);
        keys.push(...paths.values.map((v) => v.path.key));
      });
    });
  }
  if (draft.kind === 'subscription') {
    keys.push(...SUBSCRIPTION_FIELDS);
    const attributes = child(ROOT, 'customAttributes');
    keys.push(attributes.key);
    draft.subscription.customAttributes.forEach((attribute, a) => {
      const at = item(attributes, a, attribute.key);
      keys.push(at.key, child(at, 'name').key, child(at, 'value').key);
    });
  }
  return new Set(keys);
}
