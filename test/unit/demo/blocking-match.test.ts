import { describe, expect, it } from 'vitest';
import type { BlockingCondition } from '../../../electron/core/policy/blocking-schema';
import { blockedBy, compileBlock } from '../../../electron/demo/engine/blocking-match';
import { request } from './request-fixtures';

const app = { subscriber: 'admin', applicationName: 'PizzaApp', keyType: 'PRODUCTION' };
const matches = (condition: BlockingCondition, properties = {}, overrides = {}): boolean =>
  blockedBy([compileBlock('c', condition)], request(overrides, { ...app, ...properties })) !== undefined;

describe('blocking conditions applied to requests', () => {
  it.each<[string, BlockingCondition, Record<string, unknown>]>([
    ['API by context', { conditionType: 'API', conditionValue: '/pizzashack/1.0.0' }, { apiContext: '/other/1.0.0' }],
    ['USER', { conditionType: 'USER', conditionValue: 'admin@carbon.super' }, { userId: 'eve@carbon.super' }],
    ['APPLICATION', { conditionType: 'APPLICATION', conditionValue: 'admin:PizzaApp' }, { apiContext: '/x' }],
    [
      'SUBSCRIPTION',
      { conditionType: 'SUBSCRIPTION', conditionValue: '/pizzashack/1.0.0:1.0.0:admin-PizzaApp:PRODUCTION' },
      { apiVersion: '2.0.0' },
    ],
  ])('%s', (_name, condition, other) => {
    expect(matches(condition)).toBe(true);
    if (condition.conditionType === 'APPLICATION') expect(matches(condition, { applicationName: 'Other' })).toBe(false);
    else expect(matches(condition, {}, other)).toBe(false);
  });

  it('IP and IP range, from an object or JSON text, with invert', () => {
    const fixed: BlockingCondition = { conditionType: 'IP', conditionValue: '{"fixedIp":"10.0.0.1","invert":false}' };
    expect(matches(fixed, { ip: 167772161 })).toBe(true);
    expect(matches(fixed, { ip: 167772162 })).toBe(false);
    const range: BlockingCondition = {
      conditionType: 'IPRANGE',
      conditionValue: { startingIp: '10.0.0.0', endingIp: '10.0.0.255', invert: true },
    };
    expect(matches(range, { ip: 167772161 })).toBe(false);
    expect(matches(range, { ip: 3232235777 })).toBe(true);
  });

  it('ignores disabled conditions and reports the first enabled match', () => {
    const blocks = [
      compileBlock('off', { conditionType: 'USER', conditionValue: 'admin@carbon.super', conditionStatus: false }),
      compileBlock('on', { conditionType: 'API', conditionValue: '/pizzashack/1.0.0', conditionStatus: true }),
    ];
    expect(blockedBy(blocks, request())?.conditionId).toBe('on');
  });
});
