import type { CallIssue } from '../../../../electron/core/host/call-result';
import { putFlag, putList, putMember, putText, type JsonObject } from './body-fields';
import { conditionBody } from './condition-draft';
import { child, item, ROOT } from './field-path';
import { limitBody } from './limit-draft';
import { NumberReader } from './number-text';
import type { PolicyDraft } from './policy-draft';

// The body a draft saves as: the body it came from with the form's fields written over it, in
// the admin REST API's shape. Text in a number field is the only thing refused here.

export type DraftBody = { ok: true; body: JsonObject } | { ok: false; issues: CallIssue[] };

export function draftToBody(draft: PolicyDraft): DraftBody {
  const numbers = new NumberReader();
  const { base } = draft;
  const out: JsonObject = { ...base };
  putText(out, base, 'policyName', draft.policyName.trim());
  putText(out, base, 'displayName', draft.displayName);
  putText(out, base, 'description', draft.description);

  if (draft.kind === 'custom') {
    putText(out, base, 'siddhiQuery', draft.siddhiQuery);
    putText(out, base, 'keyTemplate', draft.keyTemplate.trim());
  } else if (draft.kind !== 'blocking') {
    out.defaultLimit = limitBody(draft.defaultLimit, child(ROOT, 'defaultLimit'), numbers);
  }

  if (draft.kind === 'advanced') {
    const groups = child(ROOT, 'conditionalGroups');
    const written = draft.groups.map((group, index) => {
      const at = item(groups, index, group.key);
      const body: JsonObject = { ...group.base };
      putText(body, group.base, 'description', group.description);
      body.conditions = group.conditions.map(conditionBody);
      body.limit = limitBody(group.limit, child(at, 'limit'), numbers);
      return body;
    });
    putList(out, base, 'conditionalGroups', written);
  }

  if (draft.kind === 'subscription') {
    const s = draft.subscription;
    putMember(out, base, 'rateLimitCount', numbers.read(s.rateLimitCount, 'rateLimitCount'));
    putText(out, base, 'rateLimitTimeUnit', s.rateLimitTimeUnit);
    putFlag(out, base, 'stopOnQuotaReach', s.stopOnQuotaReach);
    putText(out, base, 'billingPlan', s.billingPlan);
    const attributes = s.customAttributes.map((a) => ({ ...a.base, name: a.name, value: a.value }));
    putList(out, base, 'customAttributes', attributes);
    putMember(out, base, 'graphQLMaxComplexity', numbers.read(s.graphQLMaxComplexity, 'graphQLMaxComplexity'));
    putMember(out, base, 'graphQLMaxDepth', numbers.read(s.graphQLMaxDepth, 'graphQLMaxDepth'));
    putMember(out, base, 'subscriberCount', numbers.read(s.subscriberCount, 'subscriberCount'));
  }

  return numbers.issues.length > 0 ? { ok: false, issues: numbers.issues } : { ok: true, body: out };
}
