import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harness, recordsOfType } from './harness';
import { decision, FREE_TIER, T0, WINDOW_END } from './payloads';

const KEY = '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1';
const BROKERS = ['tm1', 'tm2', 'tm3'];

function connected(options?: Parameters<typeof harness>[0]) {
  const h = harness(options);
  h.pipeline.setConnected(BROKERS);
  return h;
}

describe('merge: the same decision from several traffic managers', () => {
  it('is one entry with every reporter and the arrival skew, announced once', () => {
    const h = connected();
    const payload = decision(KEY, 'true', String(WINDOW_END), FREE_TIER);
    expect(h.pipeline.ingest('tm1', payload, T0)).toBe('applied');
    expect(h.pipeline.ingest('tm2', payload, T0 + 4)).toBe('confirmed');
    expect(recordsOfType(h.records, 'decision')).toEqual([]);
    expect(h.pipeline.ingest('tm3', payload, T0 + 9)).toBe('confirmed');

    expect(h.records).toEqual([
      {
        type: 'decision',
        key: KEY,
        level: 'resource',
        parts: {
          apiContext: '/pizzashack/1.0.0',
          apiVersion: '1.0.0',
          resource: '/menu',
          verb: 'GET',
          conditionGroup: '1',
          perUser: false,
        },
        isThrottled: true,
        expiryTimeStamp: WINDOW_END,
        conditions: [
          { kind: 'header', invert: false, values: [{ name: 'x-tier', value: 'free' }], text: 'header x-tier = free' },
        ],
        reportedBy: ['tm1', 'tm2', 'tm3'],
        receivedAt: T0,
        skewMs: 9,
      },
    ]);
    const rows = h.pipeline.snapshot().rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: KEY,
      isThrottled: true,
      reportedBy: ['tm1', 'tm2', 'tm3'],
      skewMs: 9,
      firstSeen: T0,
      lastChange: T0,
      disagreement: [],
    });
    expect(h.pipeline.counters()).toMatchObject({ decisions: 1, confirmations: 2, live: 1, disagreeingKeys: 0 });
  });

  it('counts a broker repeating itself as a duplicate, not as a confirmation', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    expect(h.pipeline.ingest('tm1', decision(KEY, true), T0 + 1)).toBe('duplicate');
    expect(h.pipeline.counters()).toMatchObject({ duplicates: 1, confirmations: 0 });
  });
});

describe('merge: the newest window wins', () => {
  it('moves a key to a later window and never back', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true, WINDOW_END), T0);
    h.pipeline.ingest('tm1', decision(KEY, true, WINDOW_END + 60_000), T0 + 1);
    expect(h.pipeline.ingest('tm2', decision(KEY, true, WINDOW_END), T0 + 2)).toBe('late');
    expect(h.pipeline.ingest('tm2', decision(KEY, false, WINDOW_END - 60_000), T0 + 3)).toBe('stale');
    expect(h.pipeline.snapshot().rows[0]?.expiryTimeStamp).toBe(WINDOW_END + 60_000);
    expect(h.pipeline.counters()).toMatchObject({ lateConfirmations: 1, stale: 1, decisions: 2 });
  });

  it('lets an unthrottle for a later window remove the key, and a lagging throttle not bring it back', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true, WINDOW_END), T0);
    h.pipeline.ingest('tm2', decision(KEY, true, WINDOW_END), T0);
    h.pipeline.ingest('tm1', decision(KEY, false, WINDOW_END + 60_000), T0 + 100);
    h.pipeline.ingest('tm2', decision(KEY, false, WINDOW_END + 60_000), T0 + 101);
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.ingest('tm3', decision(KEY, true, WINDOW_END), T0 + 500)).toBe('late');
    expect(h.pipeline.snapshot().rows).toEqual([]);
    // tm3 has not reported the unthrottle yet: its record waits for the grace window.
    expect(recordsOfType(h.records, 'decision')).toHaveLength(1);
    h.advance(2_100);
    const decisions = recordsOfType(h.records, 'decision');
    expect(decisions.map((d) => [d.isThrottled, d.reportedBy])).toEqual([
      [true, ['tm1', 'tm2']],
      [false, ['tm1', 'tm2']],
    ]);
  });

  it('takes a broker’s own second word on the same window (a counter reset)', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    expect(h.pipeline.ingest('tm1', decision(KEY, false), T0 + 10)).toBe('applied');
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.ingest('tm2', decision(KEY, true), T0 + 11)).toBe('late');
    expect(h.pipeline.ingest('tm2', decision(KEY, false), T0 + 12)).toBe('confirmed');
  });

  it('never regresses a key when one broker lags 100,000 messages behind', () => {
    const h = connected({ merge: { versionsKept: 4 } });
    const keys = Array.from({ length: 50 }, (_, k) => `${k}:user${k}@carbon.super`);
    const messages = 60_000;
    const lag = 100_000;
    const payloadOf = (j: number) => {
      const version = Math.floor(j / keys.length);
      return decision(keys[j % keys.length] as string, version % 2 === 0, WINDOW_END + 1_000 * version);
    };
    const newestExpiry = new Map<string, number>();
    h.pipeline.onChange((record) => {
      if (record.type !== 'decision') return;
      expect(record.expiryTimeStamp).toBeGreaterThanOrEqual(newestExpiry.get(record.key) ?? 0);
      newestExpiry.set(record.key, record.expiryTimeStamp);
    });
    const lagging: number[] = [];
    let delivered = 0;
    const deliver = (broker: string, j: number) => {
      h.pipeline.ingest(broker, payloadOf(j), T0);
      delivered += 1;
    };
    for (let j = 0; j < messages; j += 1) {
      deliver('tm1', j);
      deliver('tm2', j);
      lagging.push(j);
      if (delivered >= lag) deliver('tm3', lagging.shift() as number);
    }
    const expectNewest = () => {
      const rows = new Map(h.pipeline.snapshot().rows.map((row) => [row.key, row]));
      keys.forEach((key, k) => {
        const version = Math.floor((messages - keys.length + k) / keys.length);
        if (version % 2 === 0) expect(rows.get(key)?.expiryTimeStamp).toBe(WINDOW_END + 1_000 * version);
        else expect(rows.has(key)).toBe(false);
      });
    };
    // tm3 is still 100,000 messages behind here, and again once it has caught up.
    expectNewest();
    for (const j of lagging) deliver('tm3', j);
    expectNewest();
    const counters = h.pipeline.counters();
    expect(counters.decisions).toBe(messages);
    expect(counters.stale + counters.lateConfirmations + counters.confirmations).toBe(2 * messages);
  });
});

describe('merge: interleavings', () => {
  // Each broker publishes the same versions of each key, in order; how the streams interleave on
  // the way to the console is arbitrary. The end state must be each key's newest version.
  it('ends at the newest version of every key, whatever the interleaving', () => {
    const keys = ['12:admin@carbon.super', '/pizzashack/1.0.0:1.0.0_default', '7:/orders/1.0:1.0:Gold'];
    const arbitrary = fc.record({
      versions: fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.boolean()), { minLength: 1, maxLength: 30 }),
      picks: fc.array(fc.constantFrom(0, 1, 2), { minLength: 90, maxLength: 90 }),
      silent: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbitrary, ({ versions, picks, silent }) => {
        const stream = versions.map(([k, isThrottled], index) => ({
          key: keys[k] as string,
          payload: decision(keys[k] as string, isThrottled, WINDOW_END + 1_000 * index),
          isThrottled,
          expiry: WINDOW_END + 1_000 * index,
        }));
        const h = connected();
        const next = [0, 0, 0];
        const live = [0, 1, 2].filter((b) => b !== silent);
        for (const pick of [...picks, ...Array<number>(3 * stream.length).fill(-1)]) {
          const broker =
            pick >= 0 && live.includes(pick) ? pick : live.find((b) => (next[b] as number) < stream.length);
          if (broker === undefined) break;
          const j = next[broker] as number;
          if (j >= stream.length) continue;
          next[broker] = j + 1;
          h.pipeline.ingest(BROKERS[broker] as string, (stream[j] as (typeof stream)[number]).payload, T0 + j);
        }
        const rows = new Map(h.pipeline.snapshot().rows.map((row) => [row.key, row]));
        for (const key of keys) {
          const newest = stream.filter((s) => s.key === key).at(-1);
          if (newest?.isThrottled) expect(rows.get(key)?.expiryTimeStamp).toBe(newest.expiry);
          else expect(rows.has(key)).toBe(false);
          if (newest?.isThrottled && silent === undefined) expect(rows.get(key)?.reportedBy).toHaveLength(3);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('merge: disagreement', () => {
  it('flags a connected broker that stays silent past the grace window, and clears it when it reports', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.pipeline.ingest('tm2', decision(KEY, true), T0 + 5);
    h.advance(1_999);
    expect(recordsOfType(h.records, 'disagreement')).toEqual([]);
    h.advance(1);
    expect(recordsOfType(h.records, 'disagreement')).toEqual([
      {
        type: 'disagreement',
        key: KEY,
        level: 'resource',
        broker: 'tm3',
        kind: 'missing',
        resolved: false,
        isThrottled: true,
        expiryTimeStamp: WINDOW_END,
        reportedBy: ['tm1', 'tm2'],
        at: T0 + 2_000,
      },
    ]);
    expect(recordsOfType(h.records, 'decision').map((d) => d.reportedBy)).toEqual([['tm1', 'tm2']]);
    expect(h.pipeline.snapshot().rows[0]?.disagreement).toEqual([{ broker: 'tm3', kind: 'missing' }]);
    expect(h.pipeline.counters().disagreeingKeys).toBe(1);

    h.pipeline.ingest('tm3', decision(KEY, true), T0 + 2_500);
    expect(recordsOfType(h.records, 'disagreement').at(-1)).toMatchObject({ broker: 'tm3', resolved: true });
    expect(h.pipeline.snapshot().rows[0]).toMatchObject({ disagreement: [], reportedBy: ['tm1', 'tm2', 'tm3'] });
    expect(h.pipeline.counters().disagreeingKeys).toBe(0);
  });

  it('expects nothing from a broker that is not connected', () => {
    const h = harness();
    h.pipeline.setConnected(['tm1', 'tm2']);
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.pipeline.ingest('tm2', decision(KEY, true), T0);
    expect(recordsOfType(h.records, 'decision')).toHaveLength(1);
    h.advance(5_000);
    expect(recordsOfType(h.records, 'disagreement')).toEqual([]);
  });

  it('does not flag a broker that disconnected during the grace window', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.pipeline.ingest('tm2', decision(KEY, true), T0);
    h.pipeline.setConnected(['tm1', 'tm2']);
    h.advance(2_000);
    expect(recordsOfType(h.records, 'disagreement')).toEqual([]);
    expect(recordsOfType(h.records, 'decision')).toHaveLength(1);
  });

  it('flags a broker that reports the opposite state for the same window, and keeps the state', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.pipeline.ingest('tm2', decision(KEY, true), T0);
    expect(h.pipeline.ingest('tm3', decision(KEY, false), T0 + 3)).toBe('opposite');
    expect(recordsOfType(h.records, 'disagreement')).toEqual([
      expect.objectContaining({ broker: 'tm3', kind: 'opposite', resolved: false, isThrottled: true }),
    ]);
    expect(h.pipeline.snapshot().rows[0]?.disagreement).toEqual([{ broker: 'tm3', kind: 'opposite' }]);
    expect(h.pipeline.ingest('tm3', decision(KEY, false), T0 + 4)).toBe('opposite');
    expect(recordsOfType(h.records, 'disagreement')).toHaveLength(1);
  });

  it('starts over with each new version', () => {
    const h = connected();
    h.pipeline.ingest('tm1', decision(KEY, true), T0);
    h.advance(2_000);
    expect(h.pipeline.counters().disagreeingKeys).toBe(1);
    h.pipeline.ingest('tm1', decision(KEY, true, WINDOW_END + 60_000), h.now());
    expect(h.pipeline.counters().disagreeingKeys).toBe(0);
    expect(h.pipeline.snapshot().rows[0]?.disagreement).toEqual([]);
  });
});
