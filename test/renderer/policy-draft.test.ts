import { describe, expect, it } from 'vitest';
import { draftToBody } from '../../renderer/src/lib/policy/draft-to-body';
import { keyOfPath } from '../../renderer/src/lib/policy/field-path';
import { draftFromBody, rowKeysOf } from '../../renderer/src/lib/policy/policy-draft';
import { shownKeys } from '../../renderer/src/lib/policy/shown-fields';

const counter = () => {
  let n = 1;
  return () => n++;
};

// Bodies as the admin REST API exports them: unknown members, the unused limit and condition
// objects as null.
const ADVANCED = {
  policyId: '0c6439fd-9b16-3c2e-be6e-1086e0b9aa93',
  policyName: 'PizzaShackTiers',
  displayName: 'Pizza Shack tiers',
  description: 'Free tier 10/min, office network 50 MB/h',
  isDeployed: true,
  type: 'AdvancedThrottlePolicy',
  defaultLimit: {
    type: 'REQUESTCOUNTLIMIT',
    requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 1000 },
    bandwidth: null,
    eventCount: null,
  },
  conditionalGroups: [
    {
      description: 'free tier',
      conditions: [
        {
          type: 'HEADERCONDITION',
          invertCondition: false,
          headerCondition: { headerName: 'x-tier', headerValue: 'free' },
          ipCondition: null,
          jwtClaimsCondition: null,
          queryParameterCondition: null,
        },
      ],
      limit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 10 } },
    },
    {
      description: 'office network',
      conditions: [
        {
          type: 'IPCONDITION',
          invertCondition: false,
          headerCondition: null,
          ipCondition: {
            ipConditionType: 'IPRANGE',
            specificIP: null,
            startingIP: '10.100.0.0',
            endingIP: '10.100.255.255',
          },
          jwtClaimsCondition: null,
          queryParameterCondition: null,
        },
        {
          type: 'JWTCLAIMSCONDITION',
          invertCondition: true,
          jwtClaimsCondition: { claimUrl: 'http://wso2.org/claims/role', attribute: 'admin' },
        },
      ],
      limit: {
        type: 'BANDWIDTHLIMIT',
        requestCount: null,
        bandwidth: { timeUnit: 'hour', unitTime: 1, dataAmount: 50, dataUnit: 'MB' },
        eventCount: null,
      },
    },
  ],
};

const SUBSCRIPTION = {
  policyId: '5b7f7985-0a99-45ba-9ba4-016fcfabec54',
  policyName: 'Gold',
  displayName: 'Gold',
  description: 'Allows 5000 requests per minute',
  isDeployed: true,
  type: 'SubscriptionThrottlePolicy',
  graphQLMaxComplexity: 0,
  graphQLMaxDepth: 0,
  defaultLimit: {
    type: 'REQUESTCOUNTLIMIT',
    requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5000 },
    bandwidth: null,
    eventCount: null,
  },
  monetization: null,
  rateLimitCount: 0,
  rateLimitTimeUnit: null,
  subscriberCount: 0,
  customAttributes: [{ name: 'region', value: 'eu' }],
  stopOnQuotaReach: true,
  billingPlan: 'FREE',
  permissions: null,
};

const CUSTOM = {
  policyName: 'AdminTenLimit',
  description: 'The admin user may call every API 10 times a minute',
  siddhiQuery:
    "FROM RequestStream\nSELECT userId, ( userId == 'admin@carbon.super' ) AS isEligible\nINSERT INTO EligibilityStream;",
  keyTemplate: '$userId',
};

describe('policy drafts', () => {
  it.each([
    ['advanced', ADVANCED],
    ['subscription', SUBSCRIPTION],
    ['custom', CUSTOM],
    ['application', { policyName: '50PerMin', defaultLimit: ADVANCED.defaultLimit }],
  ] as const)('gives back an untouched %s body exactly as it came', (kind, body) => {
    const result = draftToBody(draftFromBody(kind, body, counter()));
    expect(result).toEqual({ ok: true, body });
  });

  it('writes the form over the body and keeps what the form does not show', () => {
    const draft = draftFromBody('subscription', SUBSCRIPTION, counter());
    draft.defaultLimit.amount = '6000';
    draft.subscription.rateLimitCount = '20';
    draft.subscription.rateLimitTimeUnit = 'sec';
    draft.subscription.stopOnQuotaReach = false;
    draft.subscription.customAttributes.push({ key: 99, name: 'tier', value: 'gold', base: {} });
    const result = draftToBody(draft);
    expect(result).toEqual({
      ok: true,
      body: {
        ...SUBSCRIPTION,
        defaultLimit: {
          ...SUBSCRIPTION.defaultLimit,
          requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 6000 },
        },
        rateLimitCount: 20,
        rateLimitTimeUnit: 'sec',
        stopOnQuotaReach: false,
        customAttributes: [
          { name: 'region', value: 'eu' },
          { name: 'tier', value: 'gold' },
        ],
      },
    });
  });

  it('moves a limit to its new type and drops the old type’s object', () => {
    const draft = draftFromBody('advanced', ADVANCED, counter());
    const limit = draft.defaultLimit;
    limit.type = 'EVENTCOUNTLIMIT';
    limit.amount = '300';
    const result = draftToBody(draft);
    if (!result.ok) throw new Error('not converted');
    expect(result.body.defaultLimit).toEqual({
      type: 'EVENTCOUNTLIMIT',
      bandwidth: null,
      eventCount: { timeUnit: 'min', unitTime: 1, eventCount: 300 },
    });
  });

  it('changes a condition’s type: its values go in the new object, the old one goes', () => {
    const draft = draftFromBody('advanced', ADVANCED, counter());
    const condition = draft.groups[0]?.conditions[0];
    if (!condition) throw new Error('no condition');
    condition.type = 'IPCONDITION';
    condition.ipConditionType = 'IPSPECIFIC';
    condition.values.specificIP = '192.168.0.17';
    condition.invert = true;
    const result = draftToBody(draft);
    if (!result.ok) throw new Error('not converted');
    const groups = result.body.conditionalGroups as { conditions: unknown[] }[];
    expect(groups[0]?.conditions[0]).toEqual({
      type: 'IPCONDITION',
      invertCondition: true,
      ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: '192.168.0.17' },
      jwtClaimsCondition: null,
      queryParameterCondition: null,
    });
  });

  it('refuses text in a number field with the path of that field, and sends nothing', () => {
    const draft = draftFromBody('advanced', ADVANCED, counter());
    const group = draft.groups[1];
    if (!group) throw new Error('no group');
    group.limit.amount = 'fifty';
    draft.defaultLimit.unitTime = '';
    expect(draftToBody(draft)).toEqual({
      ok: false,
      issues: [{ path: 'conditionalGroups.1.limit.bandwidth.dataAmount', message: 'must be a number (got "fifty")' }],
    });
  });

  it('names rows by key, so an error path keeps pointing at its row', () => {
    const draft = draftFromBody('advanced', ADVANCED, counter());
    const rows = rowKeysOf(draft);
    const path = 'conditionalGroups.1.conditions.1.jwtClaimsCondition.claimUrl';
    const key = keyOfPath(path, rows);
    expect(key).toMatch(/^conditionalGroups\.#\d+\.conditions\.#\d+\.jwtClaimsCondition\.claimUrl$/);
    expect(shownKeys(draft).has(key)).toBe(true);
    draft.groups.shift();
    expect(shownKeys(draft).has(key)).toBe(true);
    expect(keyOfPath('conditionalGroups.5.description', rows)).toBe('conditionalGroups.5.description');
  });
});
