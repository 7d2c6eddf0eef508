import { describe, expect, it } from 'vitest';
import { detectPolicyKind, validateAnyPolicy, validatePolicy } from '../../../electron/core/policy/policy-validator';
import { advanced, countLimit, errorsOf, fixture, headerCondition } from './policy-test-bodies';

describe('realistic exported policies validate as they are', () => {
  it('an advanced policy with every condition type and null sibling objects', () => {
    const body = fixture('advanced-export.json');
    const result = validatePolicy('advanced', body);
    // Exports back unchanged: unknown fields (policyId, isDeployed, type) and nulls are kept.
    expect(result).toEqual({ ok: true, policy: body });
  });

  it('an application policy and a custom rule', () => {
    expect(validatePolicy('application', fixture('application-50permin.json')).ok).toBe(true);
    expect(validatePolicy('custom', fixture('custom-rule.json')).ok).toBe(true);
  });

  it('a subscription policy inside an export file, unwrapped', () => {
    const file = fixture('subscription-gold-export.json');
    const result = validatePolicy('subscription', file);
    expect(result).toEqual({ ok: true, policy: file.data });
  });

  it('every blocking condition of an admin REST listing', () => {
    const list = fixture('blocking-list.json').list as unknown[];
    for (const condition of list)
      expect(validatePolicy('blocking', condition)).toEqual({ ok: true, policy: condition });
  });

  it('reports export-file errors at their path in the file', () => {
    const file = fixture('subscription-gold-export.json');
    (file.data as Record<string, unknown>).billingPlan = 'PAID';
    expect(errorsOf('subscription', file)).toEqual([
      { path: 'data.billingPlan', message: 'must be one of FREE, COMMERCIAL (got "PAID")' },
    ]);
  });
});

describe('advanced policies: cross-field rules', () => {
  const group = (description: string, conditions: unknown[]) => ({ description, conditions, limit: countLimit(5) });

  it('requires the same invertCondition per condition type across groups', () => {
    const body = advanced([
      group('a', [headerCondition('x-a', '1', false)]),
      group('b', [headerCondition('x-b', '2', true)]),
    ]);
    expect(errorsOf('advanced', body)).toEqual([
      {
        path: 'conditionalGroups.1.conditions.0.invertCondition',
        message:
          'must be false like the HEADERCONDITION at conditionalGroups.0.conditions.0: every HEADERCONDITION must use the same invertCondition',
      },
    ]);
  });

  it('lets different condition types differ in invertCondition', () => {
    const jwt = {
      type: 'JWTCLAIMSCONDITION',
      invertCondition: true,
      jwtClaimsCondition: { claimUrl: 'c', attribute: 'a' },
    };
    expect(validatePolicy('advanced', advanced([group('a', [headerCondition('x', '1'), jwt])])).ok).toBe(true);
  });

  it('requires unique group descriptions, ignoring case and spaces', () => {
    const body = advanced([
      group('Free tier', [headerCondition('x', '1')]),
      group(' free TIER ', [headerCondition('y', '1')]),
    ]);
    expect(errorsOf('advanced', body)).toEqual([
      {
        path: 'conditionalGroups.1.description',
        message: '"free TIER" is already the description of conditionalGroups.0; descriptions must be unique',
      },
    ]);
  });

  it('accepts a policy without groups (null or absent) and refuses a bad name', () => {
    expect(
      validatePolicy('advanced', { policyName: 'Plain', defaultLimit: countLimit(9), conditionalGroups: null }).ok,
    ).toBe(true);
    expect(errorsOf('advanced', { policyName: 'Gold tier', defaultLimit: countLimit(9) })).toEqual([
      { path: 'policyName', message: 'must not contain spaces or ":" (it becomes part of throttle keys)' },
    ]);
    expect(errorsOf('advanced', { defaultLimit: countLimit(9) })).toEqual([
      { path: 'policyName', message: 'is required' },
    ]);
  });
});

describe('subscription policies', () => {
  const sub = (extra: Record<string, unknown>) => ({ policyName: 'Gold', defaultLimit: countLimit(5000), ...extra });

  it('accepts burst control, billing, custom attributes and GraphQL limits', () => {
    const body = sub({
      rateLimitCount: 10,
      rateLimitTimeUnit: 'sec',
      stopOnQuotaReach: false,
      billingPlan: 'COMMERCIAL',
      customAttributes: [{ name: 'region', value: 'eu' }],
      graphQLMaxComplexity: 400,
      graphQLMaxDepth: 10,
      subscriberCount: 3,
    });
    expect(validatePolicy('subscription', body)).toEqual({ ok: true, policy: body });
  });

  it.each([
    [
      { rateLimitCount: 10 },
      'rateLimitTimeUnit',
      'is required when rateLimitCount (burst control) is set: "sec" or "min"',
    ],
    [{ rateLimitCount: 10, rateLimitTimeUnit: 'hour' }, 'rateLimitTimeUnit', 'must be one of sec, min (got "hour")'],
    [{ rateLimitCount: -1 }, 'rateLimitCount', 'must not be negative'],
    [{ billingPlan: 'free' }, 'billingPlan', 'must be one of FREE, COMMERCIAL (got "free")'],
    [{ stopOnQuotaReach: 'yes' }, 'stopOnQuotaReach', 'must be true or false (got "yes")'],
    [{ graphQLMaxDepth: 1.5 }, 'graphQLMaxDepth', 'must be a whole number'],
    [{ subscriberCount: -2 }, 'subscriberCount', 'must not be negative'],
    [{ customAttributes: [{ name: 'a', value: 1 }] }, 'customAttributes.0.value', 'must be text (got 1)'],
    [
      {
        customAttributes: [
          { name: 'a', value: '1' },
          { name: 'a', value: '2' },
        ],
      },
      'customAttributes.1.name',
      '"a" is already used by customAttributes.0',
    ],
  ])('rejects %j', (extra, path, message) => {
    expect(errorsOf('subscription', sub(extra))).toEqual([{ path, message }]);
  });
});

describe('custom rules', () => {
  const rule = (extra: Record<string, unknown>) => ({
    policyName: 'Rule',
    siddhiQuery: 'FROM RequestStream SELECT userId INSERT INTO ResultStream;',
    keyTemplate: '$userId:$apiContext:$apiVersion',
    ...extra,
  });

  it('accepts every key template variable', () => {
    const keyTemplate = '$resourceKey:$userId:$apiContext:$apiVersion:$appTenant:$apiTenant:$appId:$clientIp';
    expect(validatePolicy('custom', rule({ keyTemplate })).ok).toBe(true);
  });

  it.each([
    [
      { keyTemplate: '$userId:$tenant' },
      'keyTemplate',
      /"\$tenant" is not a key template variable \(use \$resourceKey, /,
    ],
    [{ keyTemplate: 'static' }, 'keyTemplate', /^names no variable/],
    [{ keyTemplate: '' }, 'keyTemplate', /^must not be empty$/],
    [{ siddhiQuery: 'SELECT 1' }, 'siddhiQuery', /^does not look like a Siddhi query/],
    [{ siddhiQuery: undefined }, 'siddhiQuery', /^is required$/],
  ])('rejects %j', (extra, path, message) => {
    const errors = errorsOf('custom', rule(extra));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(path);
    expect(errors[0]?.message).toMatch(message);
  });
});

describe('blocking conditions', () => {
  it.each([
    [
      { conditionType: 'API', conditionValue: 'pizzashack' },
      'conditionValue',
      /^must be an API context starting with "\/"/,
    ],
    [
      { conditionType: 'APPLICATION', conditionValue: 'PizzaApp' },
      'conditionValue',
      /^must be "\{subscriber\}:\{applicationName\}"/,
    ],
    [{ conditionType: 'USER', conditionValue: '' }, 'conditionValue', /^must be a tenant-qualified user name/],
    [
      { conditionType: 'SUBSCRIPTION', conditionValue: '/p/1:1:adminApp:PRODUCTION' },
      'conditionValue',
      /^must be "\{apiContext\}/,
    ],
    [
      { conditionType: 'IP', conditionValue: { fixedIp: '1.2.3' } },
      'conditionValue.fixedIp',
      /^"1.2.3" is not a valid IPv4/,
    ],
    [
      { conditionType: 'IP', conditionValue: '{not json' },
      'conditionValue',
      /^must be \{"fixedIp": "…", "invert": false\}/,
    ],
    [
      { conditionType: 'IP', conditionValue: { fixedIp: '1.2.3.4', invert: 'no' } },
      'conditionValue.invert',
      /^must be true or false$/,
    ],
    [
      { conditionType: 'IPRANGE', conditionValue: { startingIp: '10.0.0.9', endingIp: '10.0.0.1' } },
      'conditionValue.endingIp',
      /^must not come before the start of the range/,
    ],
    [
      { conditionType: 'REGION', conditionValue: 'eu' },
      'conditionType',
      /^must be one of API, APPLICATION, IP, IPRANGE, USER, SUBSCRIPTION/,
    ],
  ])('rejects %j', (body, path, message) => {
    const errors = errorsOf('blocking', body);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(path);
    expect(errors[0]?.message).toMatch(message);
  });
});

describe('kind detection', () => {
  it.each([
    [fixture('advanced-export.json'), 'advanced'],
    [fixture('application-50permin.json'), 'application'],
    [fixture('subscription-gold-export.json'), 'subscription'],
    [fixture('custom-rule.json'), 'custom'],
    [{ conditionType: 'IP', conditionValue: {} }, 'blocking'],
    [{ policyName: 'x', defaultLimit: {}, conditionalGroups: [] }, 'advanced'],
    [{ policyName: 'x', defaultLimit: {}, stopOnQuotaReach: true }, 'subscription'],
    [{ policyName: 'x', keyTemplate: '$userId' }, 'custom'],
    [{ policyName: 'x', defaultLimit: {} }, 'application'],
    [{ type: 'app', policyName: 'x' }, 'application'],
    [{ type: 'throttling policy', subtype: 'custom rule', data: {} }, 'custom'],
  ])('detects %#: %s', (body, kind) => {
    expect(detectPolicyKind(body)).toBe(kind);
  });

  it('validates a body of unknown kind, or says why it cannot tell', () => {
    const result = validateAnyPolicy(fixture('custom-rule.json'));
    expect(result.ok && result.kind).toBe('custom');
    expect(validateAnyPolicy({ hello: 1 })).toEqual({
      ok: false,
      errors: [{ path: '(root)', message: expect.stringMatching(/^cannot tell the policy type/) as unknown }],
    });
    expect(validateAnyPolicy('text', 'application')).toEqual({
      ok: false,
      errors: [{ path: '(root)', message: 'must be an object (got "text")' }],
    });
  });
});
