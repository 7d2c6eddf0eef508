import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../../renderer/src/lib/format-countdown';
import { LiveMirror } from '../../renderer/src/lib/throttle/live-mirror';
import { partLines, partsSummary } from '../../renderer/src/lib/throttle/parts-summary';
import { PendingDeltas } from '../../renderer/src/lib/throttle/pending-deltas';
import { RateSeries } from '../../renderer/src/lib/throttle/rate-series';
import { rowMatcher, NO_FILTER } from '../../renderer/src/lib/throttle/row-filter';
import { visibleRows } from '../../renderer/src/lib/throttle/visible-rows';
import { delta, liveRow, manyRows, T0 } from '../support/throttle-fixtures';

const S0 = T0 / 1000;

describe('RateSeries', () => {
  it('keeps at most its capacity of points, dropping the oldest seconds', () => {
    const series = new RateSeries(300);
    let decisions = 0;
    series.record(T0, decisions);
    for (let s = 0; s < 1_000; s += 1) {
      decisions += s;
      series.record(T0 + s * 1_000 + 10, decisions);
    }
    const { times, values } = series.points();
    expect(series.length).toBe(300);
    expect(times).toHaveLength(300);
    expect(times[0]).toBe(S0 + 699);
    expect(times.at(-1)).toBe(S0 + 998);
    expect(values.at(-1)).toBe(998);
  });

  it('fills silent seconds with 0 when time advances, but never more than a window of them', () => {
    const series = new RateSeries(5);
    series.record(T0, 0);
    series.record(T0 + 200, 7);
    expect(series.advance(T0 + 1_400)).toBe(false);
    expect(series.advance(T0 + 2_500)).toBe(true);
    expect(series.points()).toEqual({ times: [S0], values: [7] });
    series.advance(T0 + 1_000_000);
    expect(series.points().values).toEqual([0, 0, 0, 0, 0]);
    expect(series.points().times.at(-1)).toBe(S0 + 997);
  });

  it('takes a counter that went back (another cluster) as a new baseline, not a negative rate', () => {
    const series = new RateSeries();
    series.record(T0, 500);
    series.record(T0 + 100, 520);
    series.record(T0 + 1_100, 3);
    series.record(T0 + 2_100, 13);
    expect(series.points().values).toEqual([20, 0]);
    expect(series.latest).toBe(0);
  });
});

describe('LiveMirror', () => {
  it('refuses new keys past its count cap unless rows whose window ended can go', () => {
    const mirror = new LiveMirror({ maxRows: 3, maxBytes: 1_000_000 });
    for (const row of manyRows(3)) expect(mirror.upsert(row, T0 - 10)).toBe(true);
    expect(mirror.upsert(liveRow({ key: 'fourth' }), T0 - 10)).toBe(false);
    expect(mirror.dropped).toBe(1);
    expect(mirror.get('fourth')).toBeUndefined();
    // An update of a known key is never refused.
    expect(mirror.upsert(liveRow({ key: '1:user1@carbon.super', skewMs: 4 }), T0 - 10)).toBe(true);
    // Looked for ended rows a moment ago: not again so soon.
    expect(mirror.upsert(liveRow({ key: 'fifth' }), T0 + 500)).toBe(false);
    // A second on, row 0 (ending at T0) has ended and makes room.
    expect(mirror.upsert(liveRow({ key: 'fifth' }), T0 + 990)).toBe(true);
    expect(mirror.get('0:user0@carbon.super')).toBeUndefined();
    expect(mirror.size).toBe(3);
  });

  it('keeps its estimated bytes under the byte cap and in step with replacements and removals', () => {
    const mirror = new LiveMirror({ maxRows: 100, maxBytes: 1_500 });
    const small = liveRow({ key: 'a' });
    expect(mirror.upsert(small, T0)).toBe(true);
    const afterOne = mirror.bytes;
    expect(afterOne).toBeGreaterThan(0);
    expect(mirror.upsert(liveRow({ key: 'x'.repeat(600) }), T0)).toBe(false);
    expect(mirror.upsert(liveRow({ key: 'a', reportedBy: ['tm1'] }), T0)).toBe(true);
    expect(mirror.bytes).toBe(afterOne - 40);
    mirror.remove('a');
    expect(mirror.bytes).toBe(0);
  });
});

describe('PendingDeltas', () => {
  it('lets every buffered delta go once a cap is passed, and says so', () => {
    const pending = new PendingDeltas({ maxDeltas: 2, maxBytes: 1_000_000 });
    pending.push(delta(1));
    pending.push(delta(2));
    pending.push(delta(3));
    pending.push(delta(4));
    expect(pending.take()).toEqual({ deltas: [], overflowed: true });
    expect(pending.dropped).toBe(4);
    pending.push(delta(5));
    expect(pending.take()).toEqual({ deltas: [delta(5)], overflowed: false });
  });

  it('counts the rows of a delta against the byte cap', () => {
    const pending = new PendingDeltas({ maxDeltas: 100, maxBytes: 5_000 });
    pending.push(delta(1, { upserts: manyRows(20) }));
    expect(pending.take().overflowed).toBe(true);
  });
});

describe('visibleRows', () => {
  it('sorts 100,000 rows by the end of their window and keeps equal ones in table order', () => {
    const rows = manyRows(100_000).map((row, i) => ({ ...row, expiryTimeStamp: T0 + ((i * 7_919) % 50_000) * 10 }));
    const sorted = visibleRows(rows, rowMatcher(NO_FILTER), 'expiry-asc', Number.NEGATIVE_INFINITY);
    expect(sorted).toHaveLength(100_000);
    const outOfOrder = sorted.filter((b, i) => {
      const a = sorted[i - 1];
      if (!a) return false;
      if (a.expiryTimeStamp !== b.expiryTimeStamp) return a.expiryTimeStamp > b.expiryTimeStamp;
      return Number(a.parts.appId) > Number(b.parts.appId);
    });
    expect(outOfOrder).toEqual([]);
    expect(new Set(sorted).size).toBe(100_000);
  });

  it('leaves out rows whose window ended, and clamps windows months away without losing order', () => {
    const rows = [
      liveRow({ key: 'ended', expiryTimeStamp: T0 - 1 }),
      liveRow({ key: 'far', expiryTimeStamp: T0 + 400 * 86_400_000 }),
      liveRow({ key: 'soon', expiryTimeStamp: T0 + 1 }),
    ];
    expect(visibleRows(rows, () => true, 'expiry-asc', T0).map((r) => r.key)).toEqual(['soon', 'far']);
    expect(visibleRows(rows, () => true, 'expiry-desc', T0).map((r) => r.key)).toEqual(['far', 'soon']);
  });
});

describe('parts in words', () => {
  it('summarizes each key format in one short line', () => {
    expect(partsSummary({ appId: '12', user: 'admin@carbon.super', tenant: 'carbon.super' })).toBe(
      'app 12 · admin@carbon.super',
    );
    expect(partsSummary({ appId: '12', apiContext: '/pizzashack/1.0.0', apiVersion: '1.0.0', tier: 'Gold' })).toBe(
      'app 12 · /pizzashack/1.0.0 · Gold',
    );
    expect(
      partsSummary({
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        resource: '/menu',
        verb: 'GET',
        conditionGroup: '1',
        perUser: true,
        user: 'bob',
      }),
    ).toBe('bob · /pizzashack/1.0.0 · GET /menu · group 1 · per user');
    expect(partsSummary({ apiContext: '/a/1', apiVersion: '1', conditionGroup: 'default' })).toBe(
      '/a/1 · default group',
    );
  });

  it('lists every part with its label, booleans in words', () => {
    expect(partLines({ apiContext: '/a/1', conditionGroup: 'default', perUser: false })).toEqual([
      { name: 'apiContext', label: 'API', value: '/a/1' },
      { name: 'conditionGroup', label: 'Condition group', value: 'default' },
      { name: 'perUser', label: 'Per user', value: 'no' },
    ]);
  });
});

describe('formatCountdown', () => {
  it.each([
    [12_000, '0:12'],
    [11_001, '0:12'],
    [245_000, '4:05'],
    [3_729_000, '1:02:09'],
    [0, '0:00'],
    [-5_000, '0:00'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
