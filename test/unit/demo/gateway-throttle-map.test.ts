import { describe, expect, it } from 'vitest';
import { GatewayThrottleMap } from '../../../electron/demo/gateway/gateway-throttle-map';
import { request } from './request-fixtures';

const envelope = (payloadData: object) => ({ event: { payloadData } });

describe("the gateway's throttled-key map", () => {
  it('holds a throttled key until its expiry, then evicts it lazily', () => {
    const map = new GatewayThrottleMap();
    map.apply(envelope({ throttleKey: 'k', isThrottled: true, expiryTimeStamp: 1_000 }), 0);
    expect(map.isThrottled('k', 1_000)).toBe(true);
    expect(map.isThrottled('k', 1_001)).toBe(false);
    expect(map.stats()).toMatchObject({ keys: 0, decisions: 1 });
  });

  it('reads string booleans and numbers, flat messages, and removes a key on an un-throttle', () => {
    const map = new GatewayThrottleMap();
    map.apply({ throttleKey: 'k', isThrottled: 'true', expiryTimeStamp: '5000' }, 0);
    expect(map.isThrottled('k', 10)).toBe(true);
    map.apply(envelope({ throttleKey: 'k', isThrottled: 'false', expiryTimeStamp: 5_000 }), 20);
    expect(map.isThrottled('k', 30)).toBe(false);
  });

  it('ignores decisions already expired and drops keys past its cap, counting them', () => {
    const map = new GatewayThrottleMap({ maxKeys: 1, maxKeyBytes: 10_000, maxBlocks: 1 });
    map.apply(envelope({ throttleKey: 'old', isThrottled: true, expiryTimeStamp: 5 }), 10);
    expect(map.stats().keys).toBe(0);
    map.apply(envelope({ throttleKey: 'a', isThrottled: true, expiryTimeStamp: 100 }), 10);
    map.apply(envelope({ throttleKey: 'b', isThrottled: true, expiryTimeStamp: 100 }), 10);
    expect(map.stats()).toMatchObject({ keys: 1, dropped: 1 });
    // Once "a" has expired it makes room.
    map.apply(envelope({ throttleKey: 'b', isThrottled: true, expiryTimeStamp: 300 }), 200);
    expect(map.isThrottled('b', 250)).toBe(true);
    const block = (id: string) => envelope({ blockingCondition: 'USER', conditionValue: 'eve', state: 'true', id });
    map.apply(block('b1'), 0);
    map.apply(block('b2'), 0);
    expect(map.stats()).toMatchObject({ blocks: 1, dropped: 2 });
  });

  it('adds and removes blocking conditions by id, and counts unreadable messages', () => {
    const map = new GatewayThrottleMap();
    const block = {
      blockingCondition: 'IP',
      conditionValue: '{"fixedIp":"10.0.0.1","invert":false}',
      state: 'true',
      id: 'b1',
      tenantDomain: 'carbon.super',
    };
    map.apply(envelope(block), 0);
    expect(map.blocks().map((b) => b.conditionId)).toEqual(['b1']);
    expect(map.blocks()[0]?.matches(request({}, { ip: 167772161 }))).toBe(true);
    map.apply(envelope({ ...block, state: 'false' }), 0);
    expect(map.blocks()).toEqual([]);
    map.apply(envelope({ keyTemplateValue: '$userId', keyTemplateState: 'add' }), 0);
    map.apply(envelope({ ...block, conditionValue: 'not json' }), 0);
    map.apply('hello', 0);
    expect(map.stats()).toMatchObject({ blocks: 0, unreadable: 2 });
  });
});
