import { describe, expect, it } from 'vitest';
import type { ThrottleCondition } from '../../../electron/core/policy/condition-schema';
import type { AdvancedPolicy } from '../../../electron/core/policy/policy-schema';
import { compileAdvanced, emptyPolicies } from '../../../electron/demo/engine/compiled-policies';
import type { RequestProperties } from '../../../electron/demo/engine/request-event';
import { ThrottleEngine } from '../../../electron/demo/engine/throttle-engine';
import { NOON, request } from './request-fixtures';

const one = { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 1 } } as const;
const RESOURCE = '/pizzashack/1.0.0/1.0.0/menu:GET';

function engineFor(groups: ThrottleCondition[][]): ThrottleEngine {
  const policy: AdvancedPolicy = {
    policyName: 'Tiers',
    defaultLimit: one,
    conditionalGroups: groups.map((conditions, i) => ({ description: `g${i}`, conditions, limit: one })),
  };
  const policies = emptyPolicies();
  policies.advanced.set('Tiers', compileAdvanced(policy));
  const engine = new ThrottleEngine();
  engine.setPolicies(policies);
  return engine;
}

/** The resource key suffixes a request with these properties counts toward. */
function keysFor(groups: ThrottleCondition[][], properties: RequestProperties): string[] {
  return engineFor(groups)
    .evaluate(request({ appTier: '', subscriptionTier: '' }, properties), NOON)
    .decisions.map((d) => d.throttleKey.slice(RESOURCE.length));
}

const header = (invert = false): ThrottleCondition => ({
  type: 'HEADERCONDITION',
  invertCondition: invert,
  headerCondition: { headerName: 'X-Tier', headerValue: 'free' },
});
const specificIp = (ip: string, invert = false): ThrottleCondition => ({
  type: 'IPCONDITION',
  invertCondition: invert,
  ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: ip },
});
const ipRange = (start: string, end: string, invert = false): ThrottleCondition => ({
  type: 'IPCONDITION',
  invertCondition: invert,
  ipCondition: { ipConditionType: 'IPRANGE', startingIP: start, endingIP: end },
});
const query = (invert = false): ThrottleCondition => ({
  type: 'QUERYPARAMETERCONDITION',
  invertCondition: invert,
  queryParameterCondition: { parameterName: 'client', parameterValue: 'mobile' },
});
const jwt = (invert = false): ThrottleCondition => ({
  type: 'JWTCLAIMSCONDITION',
  invertCondition: invert,
  jwtClaimsCondition: { claimUrl: 'http://wso2.org/claims/role', attribute: 'admin' },
});

// 10.0.0.1 as WSO2 sends it.
const IP_10_0_0_1 = 167772161;

describe('conditional groups', () => {
  it.each([
    ['header (name ignores case)', [header()], { 'x-tier': 'free' }, { 'x-tier': 'paid' }],
    ['specific IPv4', [specificIp('10.0.0.1')], { ip: IP_10_0_0_1 }, { ip: IP_10_0_0_1 + 1 }],
    ['specific IPv6', [specificIp('2001:db8::7')], { ipv6: '2001:db8::7', ip: '' }, { ipv6: '2001:db8::8', ip: '' }],
    ['IPv4 range, ends included', [ipRange('10.0.0.1', '10.0.0.9')], { ip: IP_10_0_0_1 + 8 }, { ip: IP_10_0_0_1 + 9 }],
    ['query parameter', [query()], { client: 'mobile' }, { client: 'web' }],
    ['JWT claim', [jwt()], { 'http://wso2.org/claims/role': 'admin' }, {}],
    [
      'all conditions of a group together',
      [header(), query()],
      { 'x-tier': 'free', client: 'mobile' },
      { 'x-tier': 'free' },
    ],
  ])('%s: a matching request counts toward _condition_0, another toward _default', (_name, conditions, hit, miss) => {
    expect(keysFor([conditions], hit)).toEqual(['_condition_0']);
    expect(keysFor([conditions], miss)).toEqual(['_default']);
  });

  it.each([
    ['header', [header(true)], { 'x-tier': 'paid' }, { 'x-tier': 'free' }],
    ['specific IP', [specificIp('10.0.0.1', true)], { ip: IP_10_0_0_1 + 1 }, { ip: IP_10_0_0_1 }],
    ['IP range', [ipRange('10.0.0.0', '10.0.0.255', true)], { ip: 3232235777 }, { ip: IP_10_0_0_1 }],
    ['query parameter', [query(true)], {}, { client: 'mobile' }],
    ['JWT claim', [jwt(true)], { 'http://wso2.org/claims/role': 'user' }, { 'http://wso2.org/claims/role': 'admin' }],
  ])('inverted %s: matches exactly the requests the plain condition does not', (_name, conditions, hit, miss) => {
    expect(keysFor([conditions], hit)).toEqual(['_condition_0']);
    expect(keysFor([conditions], miss)).toEqual(['_default']);
  });

  it('counts a request toward every group it matches, and the default only when none matches', () => {
    const groups = [[header()], [query()]];
    expect(keysFor(groups, { 'x-tier': 'free', client: 'mobile' })).toEqual(['_condition_0', '_condition_1']);
    expect(keysFor(groups, { client: 'mobile' })).toEqual(['_condition_1']);
    expect(keysFor(groups, {})).toEqual(['_default']);
  });

  it('reports the matched group in evaluatedConditions (Base64 JSON), the default without it', () => {
    const engine = engineFor([
      [header(), specificIp('10.0.0.1'), ipRange('10.0.0.0', '10.0.0.255'), query(), jwt(true)],
    ]);
    const hit = { 'x-tier': 'free', client: 'mobile', ip: IP_10_0_0_1 };
    const [decision] = engine.evaluate(request({ appTier: '', subscriptionTier: '' }, hit), NOON).decisions;
    expect(decision?.throttleKey).toBe(`${RESOURCE}_condition_0`);
    expect(JSON.parse(Buffer.from(decision?.evaluatedConditions ?? '', 'base64').toString())).toEqual([
      {
        header: { values: { 'X-Tier': 'free' }, invert: false },
        ipspecific: { specificIp: IP_10_0_0_1, invert: false },
        iprange: { startingIp: 167772160, endingIp: 167772415, invert: false },
        queryparametertype: { values: { client: 'mobile' }, invert: false },
        jwtclaims: { values: { 'http://wso2.org/claims/role': 'admin' }, invert: true },
      },
    ]);
    const [fallback] = engine.evaluate(
      request({ appTier: '', subscriptionTier: '', messageID: 'x' }, {}),
      NOON,
    ).decisions;
    expect(fallback?.throttleKey).toBe(`${RESOURCE}_default`);
    expect(fallback).not.toHaveProperty('evaluatedConditions');
  });

  it('writes IPv6 addresses in evaluatedConditions as decimal text (they do not fit a JSON number)', () => {
    const engine = engineFor([[specificIp('::1')]]);
    const [decision] = engine.evaluate(
      request({ appTier: '', subscriptionTier: '' }, { ip: '', ipv6: '::1' }),
      NOON,
    ).decisions;
    expect(JSON.parse(Buffer.from(decision?.evaluatedConditions ?? '', 'base64').toString())).toEqual([
      { ipspecific: { specificIp: '1', invert: false } },
    ]);
  });
});
