import { describe, expect, it } from 'vitest';
import { harness } from './harness';
import { decision, T0, WINDOW_END } from './payloads';

const KEY = '12:admin@carbon.super';

describe('live table: expiry on the injected clock', () => {
  it('keeps a key through its expiry instant and drops it once expiry < now, as a gateway does', () => {
    const h = harness();
    h.pipeline.ingest('tm1', decision(KEY, true, T0 + 1_000), T0);
    h.advance(1_000);
    expect(h.pipeline.snapshot().rows.map((r) => r.key)).toEqual([KEY]);
    h.advance(1);
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.counters()).toMatchObject({ live: 0, byLevel: { application: 0 } });
    expect(h.pipeline.snapshot().history.map((e) => [e.change, e.key, e.at])).toEqual([
      ['throttled', KEY, T0],
      ['expired', KEY, T0 + 1_001],
    ]);
  });

  it('leaves an expired key out of snapshots even before the next tick removes it', () => {
    const h = harness();
    h.pipeline.ingest('tm1', decision(KEY, true, T0 + 1_000), T0);
    h.moveClock(1_001);
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.counters().live).toBe(1);
    h.advance(0);
    expect(h.pipeline.counters().live).toBe(0);
  });

  it('ignores a decision for an unknown key whose window has already ended', () => {
    const h = harness();
    expect(h.pipeline.ingest('tm1', decision(KEY, true, T0 - 1), T0)).toBe('expired');
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.counters().expiredOnArrival).toBe(1);
  });

  it('counts keys per level', () => {
    const h = harness();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.pipeline.ingest('tm1', decision('12:/pizzashack/1.0.0:1.0.0:Gold', true), T0);
    h.pipeline.ingest('tm1', decision('/pizzashack/1.0.0:1.0.0_default', true), T0);
    h.pipeline.ingest('tm1', decision('/pizzashack/1.0.0/1.0.0/menu:GET_default', true), T0);
    h.pipeline.ingest('tm1', decision('/pizzashack/1.0.0/1.0.0/order:POST_default', true), T0);
    h.pipeline.ingest('tm1', decision('whatever', true), T0);
    h.pipeline.ingest('tm1', decision('unthrottled', false), T0);
    expect(h.pipeline.counters()).toMatchObject({
      live: 6,
      byLevel: { application: 1, subscription: 1, api: 1, resource: 2, custom: 1 },
    });
  });
});

describe('live table: count cap', () => {
  it('evicts an expired key first, without counting it as dropped', () => {
    const h = harness({ merge: { maxKeys: 2 } });
    h.pipeline.ingest('tm1', decision('1:a@carbon.super', true, T0 + 10), T0);
    h.pipeline.ingest('tm1', decision('2:b@carbon.super', true, WINDOW_END), T0);
    h.pipeline.ingest('tm1', decision('3:c@carbon.super', true, WINDOW_END), T0 + 20);
    expect(
      h.pipeline
        .snapshot()
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(['2:b@carbon.super', '3:c@carbon.super']);
    expect(h.pipeline.counters().dropped.keys).toBe(0);
  });

  it('otherwise evicts the key that expires soonest, and counts it', () => {
    const h = harness({ merge: { maxKeys: 2 } });
    h.pipeline.ingest('tm1', decision('1:a@carbon.super', true, WINDOW_END + 5), T0);
    h.pipeline.ingest('tm1', decision('2:b@carbon.super', true, WINDOW_END), T0);
    h.pipeline.ingest('tm1', decision('3:c@carbon.super', true, WINDOW_END + 9), T0);
    expect(
      h.pipeline
        .snapshot()
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(['1:a@carbon.super', '3:c@carbon.super']);
    expect(h.pipeline.counters().dropped.keys).toBe(1);
    expect(h.pipeline.snapshot().history.at(-2)).toMatchObject({ change: 'evicted', key: '2:b@carbon.super' });
  });

  it('holds at most its cap however many keys arrive', () => {
    const h = harness({ merge: { maxKeys: 100 } });
    for (let i = 0; i < 1_000; i += 1)
      h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true, WINDOW_END + i), T0);
    expect(h.pipeline.counters()).toMatchObject({ live: 100, dropped: { keys: 900 } });
    expect(
      h.pipeline
        .snapshot()
        .rows.map((r) => r.expiryTimeStamp)
        .sort((a, b) => a - b)[0],
    ).toBe(WINDOW_END + 900);
  });
});

describe('live table: history', () => {
  it('records changes within its count cap and counts what it let go', () => {
    const h = harness({ history: { maxEntries: 3, maxBytes: 1024 * 1024 } });
    for (let i = 0; i < 5; i += 1) h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true), T0 + i);
    expect(h.pipeline.snapshot().history.map((e) => e.key)).toEqual([
      '2:u@carbon.super',
      '3:u@carbon.super',
      '4:u@carbon.super',
    ]);
    expect(h.pipeline.counters().dropped.history).toBe(2);
  });
});

describe('live table: bounded bookkeeping', () => {
  it('announces every version exactly once even when keys are evicted while waiting for confirmations', () => {
    const h = harness({ merge: { maxKeys: 5 } });
    h.pipeline.setConnected(['tm1', 'tm2']);
    for (let i = 0; i < 20; i += 1) h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true, WINDOW_END + i), T0);
    h.advance(2_000);
    const announced = h.records.filter((r) => r.type === 'decision').map((r) => (r.type === 'decision' ? r.key : ''));
    expect(announced.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${i}:u@carbon.super`).sort());
    expect(h.pipeline.counters().dropped.keys).toBe(15);
  });

  it('still evicts the soonest window after many versions without a tick', () => {
    const h = harness({ merge: { maxKeys: 3 } });
    for (let version = 0; version < 2_000; version += 1) {
      for (const [k, offset] of [
        ['1:a@carbon.super', 0],
        ['2:b@carbon.super', 5],
        ['3:c@carbon.super', 9],
      ] as const) {
        h.pipeline.ingest('tm1', decision(k, true, WINDOW_END + 10 * version + offset), T0);
      }
    }
    h.pipeline.ingest('tm1', decision('4:d@carbon.super', true, WINDOW_END + 100_000), T0);
    expect(
      h.pipeline
        .snapshot()
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(['2:b@carbon.super', '3:c@carbon.super', '4:d@carbon.super']);
  });
});
