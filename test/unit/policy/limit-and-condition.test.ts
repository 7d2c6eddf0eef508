import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../../electron/core/policy/policy-validator';
import { advanced, countLimit, errorsOf, headerCondition } from './policy-test-bodies';

const app = (defaultLimit: unknown) => ({ policyName: 'App', defaultLimit });

describe('limits', () => {
  it.each(['sec', 'min', 'hour', 'day', 'month', 'year'])('accepts the time unit %s', (unit) => {
    expect(validatePolicy('application', app(countLimit(10, unit))).ok).toBe(true);
  });

  it('accepts bandwidth and event count limits with their own objects', () => {
    const bandwidth = {
      type: 'BANDWIDTHLIMIT',
      bandwidth: { timeUnit: 'hour', unitTime: 2, dataAmount: 5, dataUnit: 'GB' },
    };
    const events = {
      type: 'EVENTCOUNTLIMIT',
      eventCount: { timeUnit: 'day', unitTime: 1, eventCount: 9 },
      bandwidth: null,
    };
    expect(validatePolicy('application', app(bandwidth)).ok).toBe(true);
    expect(validatePolicy('application', app(events)).ok).toBe(true);
  });

  it.each([
    [countLimit(0), 'defaultLimit.requestCount.requestCount', 'must be greater than 0'],
    [countLimit(-5), 'defaultLimit.requestCount.requestCount', 'must be greater than 0'],
    [countLimit(2.5), 'defaultLimit.requestCount.requestCount', 'must be a whole number'],
    [countLimit('10'), 'defaultLimit.requestCount.requestCount', 'must be a number (got "10")'],
    [countLimit(10, 'min', 0), 'defaultLimit.requestCount.unitTime', 'must be greater than 0'],
    [
      countLimit(10, 'week'),
      'defaultLimit.requestCount.timeUnit',
      'must be one of sec, min, hour, day, month, year (got "week")',
    ],
    [
      { type: 'REQUESTCOUNTLIMIT', requestCount: { unitTime: 1, requestCount: 10 } },
      'defaultLimit.requestCount.timeUnit',
      'must be one of sec, min, hour, day, month, year (got nothing)',
    ],
    [{ type: 'REQUESTCOUNTLIMIT' }, 'defaultLimit.requestCount', 'is required'],
    [
      { type: 'PERSECOND', requestCount: {} },
      'defaultLimit.type',
      'must be one of REQUESTCOUNTLIMIT, BANDWIDTHLIMIT, EVENTCOUNTLIMIT (got "PERSECOND")',
    ],
    [
      { requestCount: {} },
      'defaultLimit.type',
      'is required: one of REQUESTCOUNTLIMIT, BANDWIDTHLIMIT, EVENTCOUNTLIMIT',
    ],
    [
      { type: 'BANDWIDTHLIMIT', bandwidth: { timeUnit: 'min', unitTime: 1, dataAmount: 5, dataUnit: 'TB' } },
      'defaultLimit.bandwidth.dataUnit',
      'must be one of KB, MB, GB (got "TB")',
    ],
  ])('rejects %j at %s', (limit, path, message) => {
    expect(errorsOf('application', app(limit))).toEqual([{ path, message }]);
  });

  it('rejects a limit object that does not match the type', () => {
    const limit = {
      type: 'REQUESTCOUNTLIMIT',
      requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5 },
      bandwidth: { timeUnit: 'min', unitTime: 1, dataAmount: 5, dataUnit: 'KB' },
    };
    expect(errorsOf('application', app(limit))).toEqual([
      {
        path: 'defaultLimit.bandwidth',
        message:
          'must be empty for a REQUESTCOUNTLIMIT limit (it belongs to BANDWIDTHLIMIT); set "type" to BANDWIDTHLIMIT or remove it',
      },
    ]);
  });
});

describe('conditions', () => {
  const group = (conditions: unknown[], description = 'g') => ({ description, conditions, limit: countLimit(5) });

  it('accepts every condition type, inverted or not', () => {
    const body = advanced([
      group([headerCondition('x-tier', 'free', true)], 'header'),
      group(
        [
          {
            type: 'IPCONDITION',
            invertCondition: false,
            ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: '::1' },
          },
        ],
        'ip',
      ),
      group(
        [
          {
            type: 'IPCONDITION',
            ipCondition: { ipConditionType: 'IPRANGE', startingIP: '10.0.0.0', endingIP: '10.0.0.0' },
          },
        ],
        'range',
      ),
      group(
        [{ type: 'JWTCLAIMSCONDITION', invertCondition: true, jwtClaimsCondition: { claimUrl: 'c', attribute: 'a' } }],
        'jwt',
      ),
      group(
        [{ type: 'QUERYPARAMETERCONDITION', queryParameterCondition: { parameterName: 'p', parameterValue: 'v' } }],
        'query',
      ),
    ]);
    expect(validatePolicy('advanced', body)).toEqual({ ok: true, policy: body });
  });

  it.each([
    [
      { type: 'IPCONDITION', ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: '300.1.1.1' } },
      'conditionalGroups.0.conditions.0.ipCondition.specificIP',
      '"300.1.1.1" is not a valid IPv4 or IPv6 address',
    ],
    [
      { type: 'IPCONDITION', ipCondition: { ipConditionType: 'IPSPECIFIC', specificIP: null } },
      'conditionalGroups.0.conditions.0.ipCondition.specificIP',
      'is required: an IPv4 or IPv6 address',
    ],
    [
      {
        type: 'IPCONDITION',
        ipCondition: { ipConditionType: 'IPRANGE', startingIP: '10.0.0.9', endingIP: '10.0.0.1' },
      },
      'conditionalGroups.0.conditions.0.ipCondition.endingIP',
      'must not come before the start of the range (10.0.0.9 > 10.0.0.1)',
    ],
    [
      { type: 'IPCONDITION', ipCondition: { ipConditionType: 'IPRANGE', startingIP: '10.0.0.1', endingIP: 'fe80::1' } },
      'conditionalGroups.0.conditions.0.ipCondition.endingIP',
      'must be an IPv4 address like the start of the range (got IPv6)',
    ],
    [
      { type: 'IPCONDITION', ipCondition: { ipConditionType: 'SUBNET' } },
      'conditionalGroups.0.conditions.0.ipCondition.ipConditionType',
      'must be one of IPSPECIFIC, IPRANGE (got "SUBNET")',
    ],
    [
      { type: 'HEADERCONDITION', headerCondition: { headerName: ' ', headerValue: 'v' } },
      'conditionalGroups.0.conditions.0.headerCondition.headerName',
      'must not be empty',
    ],
    [
      { type: 'HEADERCONDITION', headerCondition: null },
      'conditionalGroups.0.conditions.0.headerCondition',
      'must be an object (got null)',
    ],
    [
      { type: 'JWTCLAIMSCONDITION', jwtClaimsCondition: { claimUrl: 'c' } },
      'conditionalGroups.0.conditions.0.jwtClaimsCondition.attribute',
      'is required',
    ],
    [
      {
        type: 'QUERYPARAMETERCONDITION',
        invertCondition: 'no',
        queryParameterCondition: { parameterName: 'p', parameterValue: 'v' },
      },
      'conditionalGroups.0.conditions.0.invertCondition',
      'must be true or false (got "no")',
    ],
    [
      { type: 'COOKIECONDITION' },
      'conditionalGroups.0.conditions.0.type',
      'must be one of HEADERCONDITION, IPCONDITION, JWTCLAIMSCONDITION, QUERYPARAMETERCONDITION (got "COOKIECONDITION")',
    ],
  ])('rejects %j with a reason at its path', (condition, path, message) => {
    expect(errorsOf('advanced', advanced([group([condition])]))).toEqual([{ path, message }]);
  });

  it('rejects a group without conditions and the same header twice in a group', () => {
    expect(errorsOf('advanced', advanced([group([])]))).toEqual([
      { path: 'conditionalGroups.0.conditions', message: 'needs at least one condition' },
    ]);
    expect(
      errorsOf('advanced', advanced([group([headerCondition('X-Tier', 'a'), headerCondition('x-tier', 'b')])])),
    ).toEqual([
      {
        path: 'conditionalGroups.0.conditions.1',
        message: 'repeats header "x-tier" of conditions.0; a group can test it only once',
      },
    ]);
  });
});
