import { describe, expect, it } from 'vitest';
import { acceptPolicy } from '../../../electron/core/policy/policy-input';
import { detectPolicyKind, validateAnyPolicy, validatePolicy } from '../../../electron/core/policy/policy-validator';
import { decodeAck, decodeTmState, MAX_STATE_BYTES } from '../../../electron/core/policy/tm-report';
import { advanced, countLimit, errorsOf, fixture } from './policy-test-bodies';
import { tmState } from './push-fixtures';

const apictl = (subtype: string, data: unknown) => ({ type: 'throttling policy', subtype, version: 'v4.2.0', data });

describe('apictl exports of every policy type', () => {
  it.each([
    ['advanced policy', fixture('advanced-export.json'), 'advanced'],
    ['application policy', fixture('application-50permin.json'), 'application'],
    ['subscription policy', fixture('subscription-gold-export.json').data, 'subscription'],
    ['custom rule', fixture('custom-rule.json'), 'custom'],
  ])('a %s validates unwrapped, with its kind from the subtype', (subtype, data, kind) => {
    const file = apictl(subtype, data);
    expect(detectPolicyKind(file)).toBe(kind);
    expect(validateAnyPolicy(file)).toEqual({ ok: true, kind, policy: data });
  });

  it('reports every problem of a body at once, at its path inside the export file', () => {
    const file = apictl('application policy', { policyName: 'Bad name', defaultLimit: countLimit(0, 'week') });
    expect(errorsOf('application', file)).toEqual([
      { path: 'data.policyName', message: 'must not contain spaces or ":" (it becomes part of throttle keys)' },
      {
        path: 'data.defaultLimit.requestCount.timeUnit',
        message: 'must be one of sec, min, hour, day, month, year (got "week")',
      },
      { path: 'data.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' },
    ]);
  });
});

describe('IPv6 and edge values', () => {
  it('accepts IPv6 ranges in blocking conditions and IP conditions, and refuses reversed ones', () => {
    const range = (startingIp: string, endingIp: string) => ({
      conditionId: 'v6',
      conditionType: 'IPRANGE',
      conditionValue: { startingIp, endingIp, invert: false },
    });
    expect(validatePolicy('blocking', range('2001:db8::1', '2001:db8::ff')).ok).toBe(true);
    expect(validatePolicy('blocking', range('::ffff:10.0.0.1', '::ffff:10.0.0.9')).ok).toBe(true);
    expect(errorsOf('blocking', range('2001:db8::ff', '2001:db8::1'))).toEqual([
      {
        path: 'conditionValue.endingIp',
        message: 'must not come before the start of the range (2001:db8::ff > 2001:db8::1)',
      },
    ]);
    const condition = {
      type: 'IPCONDITION',
      ipCondition: { ipConditionType: 'IPRANGE', startingIP: 'fe80::1', endingIP: 'fe80::ffff' },
    };
    expect(
      validatePolicy('advanced', advanced([{ description: 'v6', conditions: [condition], limit: countLimit(3) }])).ok,
    ).toBe(true);
  });

  it('refuses a blank condition id, a non-boolean status and leading-zero IPv4 addresses', () => {
    expect(
      errorsOf('blocking', { conditionId: ' ', conditionType: 'USER', conditionValue: 'eve', conditionStatus: 'yes' }),
    ).toEqual([
      { path: 'conditionId', message: 'must not be empty' },
      { path: 'conditionStatus', message: 'must be true or false (got "yes")' },
    ]);
    expect(errorsOf('blocking', { conditionType: 'IP', conditionValue: { fixedIp: '010.0.0.1' } })).toEqual([
      { path: 'conditionValue.fixedIp', message: '"010.0.0.1" is not a valid IPv4 or IPv6 address' },
    ]);
  });
});

describe('bodies nested too deep to handle', () => {
  // As JSON.parse makes it from a 200 KB file; digests and serialization recurse through it.
  const deep = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
  const gold = { policyName: 'Gold', defaultLimit: countLimit(10), extra: deep(40_000) };

  it('are refused with the path where the nesting goes too deep, not thrown on', () => {
    const deepPath = expect.stringMatching(/^extra(\.a){63}$/) as unknown;
    const validated = validateAnyPolicy(gold);
    // Checked alone first: comparing a result that holds the deep body would itself overflow.
    expect(validated.ok).toBe(false);
    expect(validated).toEqual({
      ok: false,
      errors: [{ path: deepPath, message: 'nests objects and arrays deeper than 64 levels' }],
    });
    expect(errorsOf('application', apictl('application policy', gold))).toEqual([
      { path: expect.stringMatching(/^data\.extra(\.a){63}$/) as unknown, message: expect.any(String) as unknown },
    ]);
    expect(acceptPolicy(gold, undefined, () => 'id')).toEqual({
      ok: false,
      errors: [{ path: deepPath, message: 'nests objects and arrays deeper than 64 levels' }],
    });
    expect(acceptPolicy({ ...gold, extra: deep(60) }, undefined, () => 'id')).toMatchObject({ ok: true });
  });
});

describe('what traffic managers send back', () => {
  it('decodes acknowledgements, and says what is wrong with bad ones', () => {
    expect(decodeAck('{"pushId":"p","tmId":"tm1","status":"applied","revision":2}')).toEqual({
      ok: true,
      value: { pushId: 'p', tmId: 'tm1', status: 'applied', revision: 2 },
    });
    expect(decodeAck('{"pushId":"p","tmId":"tm1","status":"maybe","revision":2}')).toEqual({
      ok: false,
      reason: 'status: must be one of applied, duplicate, rejected (got "maybe")',
    });
    expect(decodeAck('nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not JSON/) as unknown });
  });

  it('decodes retained state within its size cap', () => {
    expect(decodeTmState(JSON.stringify(tmState('tm1', 3)))).toMatchObject({ ok: true, value: { tmId: 'tm1' } });
    expect(decodeTmState('x'.repeat(MAX_STATE_BYTES + 1))).toEqual({
      ok: false,
      reason: `payload of ${MAX_STATE_BYTES + 1} bytes is over the ${MAX_STATE_BYTES}-byte limit`,
    });
  });
});
