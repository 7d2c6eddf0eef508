import { describe, expect, it } from 'vitest';
import { compileBlock } from '../../../electron/demo/engine/blocking-match';
import { compileAdvanced, compileLimit, emptyPolicies } from '../../../electron/demo/engine/compiled-policies';
import { ThrottleEngine } from '../../../electron/demo/engine/throttle-engine';
import { decisionMessage } from '../../../electron/demo/engine/throttle-messages';
import { createThrottlePipeline } from '../../../electron/core/throttle/throttle-pipeline';
import type { AdvancedPolicy } from '../../../electron/core/policy/policy-schema';
import type { ThrottleLimit } from '../../../electron/core/policy/limit-schema';
import { NOON, request } from './request-fixtures';

const perMinute = (requestCount: number, unitTime = 1): ThrottleLimit => ({
  type: 'REQUESTCOUNTLIMIT',
  requestCount: { timeUnit: 'min', unitTime, requestCount },
});

function engineWith(setup: { app?: ThrottleLimit; sub?: ThrottleLimit; advanced?: AdvancedPolicy }): ThrottleEngine {
  const policies = emptyPolicies();
  if (setup.app) policies.application.set('10PerMin', compileLimit(setup.app));
  if (setup.sub) policies.subscription.set('Gold', { ...compileLimit(setup.sub), stopOnQuotaReach: true });
  if (setup.advanced) policies.advanced.set('Tiers', compileAdvanced(setup.advanced));
  const engine = new ThrottleEngine();
  engine.setPolicies(policies);
  return engine;
}

const appOnly = { resourceTier: '', subscriptionTier: '' };

describe('throttle engine: counting in fixed windows', () => {
  it('throttles at the Nth request for a limit of N, once', () => {
    const engine = engineWith({ app: perMinute(3) });
    const at = NOON + 5_000;
    expect(engine.evaluate(request(appOnly), at).decisions).toEqual([]);
    expect(engine.evaluate(request(appOnly), at + 1).decisions).toEqual([]);
    expect(engine.evaluate(request(appOnly), at + 2).decisions).toEqual([
      { throttleKey: '12:admin@carbon.super', isThrottled: true, expiryTimeStamp: NOON + 60_000 },
    ]);
    // Only changes are reported: more requests in the same window say nothing.
    for (let i = 0; i < 10; i += 1) expect(engine.evaluate(request(appOnly), at + 3 + i).decisions).toEqual([]);
    expect(engine.stats()).toMatchObject({ keys: 1, throttledKeys: 1 });
  });

  it('un-throttles on the first request of the next window, and counts from zero there', () => {
    const engine = engineWith({ app: perMinute(2) });
    engine.evaluate(request(appOnly), NOON + 1);
    expect(engine.evaluate(request(appOnly), NOON + 2).decisions[0]?.isThrottled).toBe(true);
    expect(engine.evaluate(request(appOnly), NOON + 60_000).decisions).toEqual([
      { throttleKey: '12:admin@carbon.super', isThrottled: false, expiryTimeStamp: NOON + 120_000 },
    ]);
    expect(engine.evaluate(request(appOnly), NOON + 60_001).decisions).toEqual([
      { throttleKey: '12:admin@carbon.super', isThrottled: true, expiryTimeStamp: NOON + 120_000 },
    ]);
  });

  it('aligns windows to the wall clock, not to the first request', () => {
    const engine = engineWith({ app: perMinute(3) });
    engine.evaluate(request(appOnly), NOON + 59_000);
    engine.evaluate(request(appOnly), NOON + 59_999);
    // A sliding window would throttle here; the minute turned over, so the count restarted.
    expect(engine.evaluate(request(appOnly), NOON + 60_000).decisions).toEqual([]);
    const fiveMinutes = engineWith({ app: perMinute(1, 5) });
    expect(fiveMinutes.evaluate(request(appOnly), NOON + 3 * 60_000 + 10_000).decisions[0]?.expiryTimeStamp).toBe(
      NOON + 5 * 60_000,
    );
  });

  it('sums messageSize for bandwidth limits (1 KB = 1024 bytes)', () => {
    const engine = engineWith({
      app: { type: 'BANDWIDTHLIMIT', bandwidth: { timeUnit: 'min', unitTime: 1, dataAmount: 1, dataUnit: 'KB' } },
    });
    expect(engine.evaluate(request(appOnly, { messageSize: 600 }), NOON).decisions).toEqual([]);
    expect(engine.evaluate(request(appOnly, { messageSize: 423 }), NOON).decisions).toEqual([]);
    expect(engine.evaluate(request(appOnly, { messageSize: 1 }), NOON).decisions[0]?.isThrottled).toBe(true);
  });

  it('counts events one by one for event count limits', () => {
    const engine = engineWith({
      app: { type: 'EVENTCOUNTLIMIT', eventCount: { timeUnit: 'sec', unitTime: 1, eventCount: 2 } },
    });
    engine.evaluate(request(appOnly, { messageSize: 5000 }), NOON);
    expect(engine.evaluate(request(appOnly), NOON + 999).decisions[0]).toMatchObject({
      isThrottled: true,
      expiryTimeStamp: NOON + 1000,
    });
  });

  it('counts application, subscription and resource keys of the same request separately', () => {
    const engine = engineWith({
      app: perMinute(1),
      sub: perMinute(1),
      advanced: { policyName: 'Tiers', defaultLimit: perMinute(1) },
    });
    expect(engine.evaluate(request(), NOON).decisions.map((d) => d.throttleKey)).toEqual([
      '/pizzashack/1.0.0/1.0.0/menu:GET_default',
      '12:/pizzashack/1.0.0:1.0.0:Gold',
      '12:admin@carbon.super',
    ]);
    // Tiers without a deployed policy are not counted at all.
    expect(
      engine.evaluate(request({ appTier: 'Other', subscriptionTier: 'Other', resourceTier: 'Other' }), NOON).decisions,
    ).toEqual([]);
  });

  it('resets a key on demand, reporting the un-throttle', () => {
    const engine = engineWith({ app: perMinute(1) });
    engine.evaluate(request(appOnly), NOON);
    expect(engine.reset('12:admin@carbon.super')).toEqual({
      throttleKey: '12:admin@carbon.super',
      isThrottled: false,
      expiryTimeStamp: NOON + 60_000,
    });
    expect(engine.reset('12:admin@carbon.super')).toBeUndefined();
    expect(engine.evaluate(request(appOnly), NOON + 7).decisions[0]?.isThrottled).toBe(true);
  });

  it('resets so that the console takes the un-throttle: the key leaves its live table on every TM', () => {
    let now = NOON + 1_000;
    const pipeline = createThrottlePipeline({ clock: () => now, schedule: () => () => undefined });
    pipeline.setConnected(['tm1', 'tm2']);
    const engines = { tm1: engineWith({ app: perMinute(1) }), tm2: engineWith({ app: perMinute(1) }) };
    for (const [tmId, engine] of Object.entries(engines))
      for (const decision of engine.evaluate(request(appOnly), now).decisions)
        pipeline.ingest(tmId, Buffer.from(decisionMessage(decision)), now);
    expect(pipeline.snapshot().rows.map((row) => row.key)).toEqual(['12:admin@carbon.super']);
    now += 5_000;
    for (const [tmId, engine] of Object.entries(engines)) {
      const decision = engine.reset('12:admin@carbon.super');
      if (decision) pipeline.ingest(tmId, Buffer.from(decisionMessage(decision)), now);
    }
    expect(pipeline.snapshot().rows).toEqual([]);
    expect(pipeline.counters()).toMatchObject({ stale: 0, disagreeingKeys: 0 });
  });

  it('keeps the counter map within its cap and counts what it could not track', () => {
    const engine = new ThrottleEngine({ maxKeys: 2, maxKeyBytes: 1_000_000 });
    const policies = emptyPolicies();
    policies.application.set('10PerMin', compileLimit(perMinute(1)));
    engine.setPolicies(policies);
    const as = (user: string) => request({ ...appOnly, appKey: `12:${user}` });
    expect(engine.evaluate(as('a'), NOON).decisions).toHaveLength(1);
    expect(engine.evaluate(as('b'), NOON).decisions).toHaveLength(1);
    expect(engine.evaluate(as('c'), NOON).decisions).toEqual([]);
    expect(engine.stats()).toMatchObject({ keys: 2, keysDropped: 1 });
    // Once the minute has ended, ended windows make room.
    expect(engine.evaluate(as('c'), NOON + 60_000).decisions).toHaveLength(1);
    expect(engine.stats()).toMatchObject({ keys: 1, keysDropped: 1 });
  });
});

describe('throttle engine: blocking conditions', () => {
  it('does not count a blocked request and names the condition', () => {
    const engine = engineWith({ app: perMinute(1) });
    engine.setBlocks([
      compileBlock('off', { conditionType: 'USER', conditionValue: 'admin@carbon.super', conditionStatus: false }),
      compileBlock('b1', { conditionType: 'API', conditionValue: '/pizzashack/1.0.0' }),
    ]);
    expect(engine.evaluate(request(appOnly), NOON)).toEqual({ blockedBy: 'b1', decisions: [] });
    expect(engine.stats().keys).toBe(0);
    engine.setBlocks([]);
    expect(engine.evaluate(request(appOnly), NOON).decisions).toHaveLength(1);
  });
});
