import { describe, expect, it } from 'vitest';
import type { ThrottlePage } from '../../electron/core/host/throttle-contract';
import type { LiveRow } from '../../electron/core/throttle/delta-types';
import { ThrottleStore } from '../../renderer/src/lib/stores/throttle-store.svelte';
import { MIN_RELOAD_GAP_MS, RETRY_MS } from '../../renderer/src/lib/throttle/reload-schedule';
import { PAGE_LIMIT } from '../../renderer/src/lib/throttle/page-loader';
import { noTimer } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';
import { blockRow, counters, delta, deltaEvent, liveRow, manyRows, page, T0 } from '../support/throttle-fixtures';

interface Held {
  release: () => void;
}

/**
 * A store over a scripted client whose `throttle.page` serves `rows` in pages of `pageSize`
 * from snapshot `snap-N` (N counts the snapshots taken). `hold(cursor)` keeps the answer for that
 * cursor until released, so a test can push deltas while the table is loading.
 */
function setup(rows: LiveRow[] = [], options: { pageSize?: number; at?: number; deltaSeq?: number } = {}) {
  const script = scriptedClient();
  const clock = { now: T0 };
  const pageSize = options.pageSize ?? 2;
  const state = {
    rows,
    at: options.at ?? T0,
    deltaSeq: options.deltaSeq ?? 0,
    counters: counters({ live: rows.length }),
    snapshots: 0,
    /** The snapshot expires just before the page at this cursor is read (once). */
    expireAtCursor: null as number | null,
  };
  const holds = new Map<number, Promise<void>>();
  script.answers['throttle.page'] = async (request) => {
    const cursor = request.cursor ?? 0;
    await holds.get(cursor);
    if (cursor === state.expireAtCursor) {
      state.expireAtCursor = null;
      state.snapshots += 1;
    }
    if (cursor === 0 || request.snapshotId !== `snap-${state.snapshots}`) state.snapshots += 1;
    const start = request.snapshotId === `snap-${state.snapshots}` ? cursor : 0;
    const slice = state.rows.slice(start, start + pageSize);
    const end = start + slice.length;
    const value: ThrottlePage = page({
      snapshotId: `snap-${state.snapshots}`,
      at: state.at,
      deltaSeq: state.deltaSeq,
      total: state.rows.length,
      rows: slice,
      nextCursor: end < state.rows.length ? end : null,
      counters: state.counters,
    });
    return { ok: true, value };
  };
  const store = new ThrottleStore(script.client, { now: () => clock.now, every: noTimer });
  store.connect();
  store.watch();
  const hold = (cursor: number): Held => {
    let release = (): void => undefined;
    holds.set(
      cursor,
      new Promise<void>((resolve) => {
        release = () => {
          holds.delete(cursor);
          resolve();
        };
      }),
    );
    return { release };
  };
  const pageCalls = () => script.callsOf('throttle.page').map((c) => c.payload);
  return { script, store, clock, state, hold, pageCalls };
}

const keys = (rows: readonly LiveRow[]) => rows.map((row) => row.key);

describe('ThrottleStore: loading', () => {
  it('reads every page of one snapshot and shows the rows ending first at the top', async () => {
    const rows = manyRows(5).toReversed();
    const { store, pageCalls } = setup(rows);
    await store.reload();
    expect(pageCalls()).toEqual([
      { cursor: 0, limit: PAGE_LIMIT },
      { snapshotId: 'snap-1', cursor: 2, limit: PAGE_LIMIT },
      { snapshotId: 'snap-1', cursor: 4, limit: PAGE_LIMIT },
    ]);
    expect(store.loaded).toBe(true);
    expect(store.mirrored).toBe(5);
    expect(keys(store.visible)).toEqual(keys(manyRows(5)));
    expect(store.counters.live).toBe(5);
  });

  it('starts over when the core answers a later page from a new snapshot', async () => {
    const { store, script, state } = setup(manyRows(4));
    // The core's snapshot expires between the first and second page: it serves a new one from 0.
    state.expireAtCursor = 2;
    await store.reload();
    expect(script.callsOf('throttle.page').map((c) => c.payload)).toEqual([
      { cursor: 0, limit: PAGE_LIMIT },
      { snapshotId: 'snap-1', cursor: 2, limit: PAGE_LIMIT },
      { snapshotId: 'snap-3', cursor: 2, limit: PAGE_LIMIT },
    ]);
    expect(store.mirrored).toBe(4);
  });

  it('applies deltas that arrive during the load after it, skipping those the snapshot already holds', async () => {
    const { store, script, hold, clock } = setup(manyRows(3), { at: T0 + 250, deltaSeq: 1 });
    const held = hold(2);
    const loading = store.reload();
    await expect.poll(() => script.callsOf('throttle.page').length).toBe(2);
    const stale = liveRow({ key: '0:user0@carbon.super', expiryTimeStamp: T0 - 1 });
    const added = liveRow({ key: 'late:one@carbon.super', expiryTimeStamp: T0 + 500_000 });
    // seq 1 was sent before the snapshot was taken (its deltaSeq is 1): it is in the pages.
    script.push([deltaEvent(delta(1, { at: T0 + 100, upserts: [stale] }))]);
    script.push([deltaEvent(delta(3, { at: T0 + 300, upserts: [added], removals: ['1:user1@carbon.super'] }))]);
    expect(store.mirrored).toBe(0);
    held.release();
    await loading;
    expect(keys(store.visible)).toEqual(['0:user0@carbon.super', '2:user2@carbon.super', 'late:one@carbon.super']);
    expect(store.visible[0]?.expiryTimeStamp).toBe(T0);
    // 1 then 3 is a gap: the table is read again, once the reloads' spacing allows.
    expect(store.lastResyncReason).toBeNull();
    clock.now += MIN_RELOAD_GAP_MS;
    store.tick();
    await expect.poll(() => store.resyncs).toBe(1);
    expect(store.lastResyncReason).toBe('live update 2 never arrived');
  });

  it('skips deltas the snapshot holds that arrive after a one-page load, without reading the table again', async () => {
    // The host answers a page at once but sends deltas in its next batch (up to 100 ms later):
    // seq 3 and 4 left the core before the snapshot was taken and arrive after its only page.
    const { store, script, clock } = setup(manyRows(2), { at: T0 + 450, deltaSeq: 4 });
    await store.reload();
    expect(store.loading).toBe(false);
    script.push([
      deltaEvent(delta(3, { at: T0 + 300, upserts: [liveRow({ key: 'gone:one@carbon.super' })] })),
      deltaEvent(
        delta(4, {
          at: T0 + 400,
          removals: ['0:user0@carbon.super', 'gone:one@carbon.super'],
          counters: counters({ live: 1 }),
        }),
      ),
    ]);
    // The snapshot is newer than both: key 0 was throttled again before it was taken.
    expect(store.mirrored).toBe(2);
    expect(store.counters.live).toBe(2);
    const added = liveRow({ key: 'late:one@carbon.super', expiryTimeStamp: T0 + 500_000 });
    script.push([deltaEvent(delta(5, { at: T0 + 500, upserts: [added], counters: counters({ live: 3 }) }))]);
    expect(store.mirrored).toBe(3);
    expect(store.counters.live).toBe(3);
    clock.now += 60_000;
    store.tick();
    expect(script.callsOf('throttle.page')).toHaveLength(1);
    expect(store.resyncs).toBe(0);
    expect(store.lastResyncReason).toBeNull();
  });

  it('says why the pages could not be read and tries again on the timer after a while', async () => {
    const { store, script, clock } = setup(manyRows(2));
    const original = script.answers['throttle.page'];
    script.answers['throttle.page'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    await store.reload();
    expect(store.error).toBe(
      'The throttled keys could not be loaded: Not connected to the console host. Retrying in 5 s.',
    );
    script.answers['throttle.page'] = original;
    clock.now += RETRY_MS - 1;
    store.tick();
    expect(script.callsOf('throttle.page')).toHaveLength(1);
    clock.now += 1;
    store.tick();
    await expect.poll(() => store.mirrored).toBe(2);
    expect(store.error).toBeNull();
  });
});

describe('ThrottleStore: live deltas', () => {
  it('applies upserts, removals, blocks and counters, and follows them in the list on the timer', async () => {
    const { store, script } = setup(manyRows(2));
    await store.reload();
    const moved = liveRow({ key: '1:user1@carbon.super', expiryTimeStamp: T0 - 500 + 60_000 });
    script.push([
      deltaEvent(
        delta(7, {
          upserts: [moved, liveRow({ key: 'new:one', expiryTimeStamp: T0 + 120_000 })],
          removals: ['0:user0@carbon.super'],
          blocks: { upserts: [blockRow()], removals: [] },
          counters: counters({ live: 2, disagreeingKeys: 1 }),
        }),
      ),
    ]);
    expect(store.counters.disagreeingKeys).toBe(1);
    expect(store.blocks.map((b) => b.value.text)).toEqual(['IP 10.0.0.7']);
    expect(keys(store.visible)).toEqual(['0:user0@carbon.super', '1:user1@carbon.super']);
    store.tick();
    expect(keys(store.visible)).toEqual(['1:user1@carbon.super', 'new:one']);
    script.push([deltaEvent(delta(8, { blocks: { upserts: [], removals: [blockRow().id] } }))]);
    expect(store.blocks).toEqual([]);
  });

  it('hides rows whose window ended before the core removes them', async () => {
    const { store, clock } = setup(manyRows(3));
    await store.reload();
    clock.now = T0 + 1_500;
    store.setFilter({});
    expect(keys(store.visible)).toEqual(['2:user2@carbon.super']);
  });

  it.each([
    ['the host dropped events', { dropped: 2 }, '2 live updates were dropped between the core and this page'],
    ['the core asks for it', { resync: true }, 'the core let changes go under load and asked for a fresh copy'],
    ['a seq number is skipped', { seq: 5 }, 'live updates 2–4 never arrived'],
    ['the seq number goes back', { seq: 1 }, 'the core started a new stream of updates (another cluster was opened)'],
  ])('reads the table again when %s', async (_what, change, reason) => {
    const { store, script, clock } = setup(manyRows(2));
    await store.reload();
    script.push([deltaEvent(delta(1))]);
    expect(script.callsOf('throttle.page')).toHaveLength(1);
    clock.now += MIN_RELOAD_GAP_MS;
    const next = delta('seq' in change ? change.seq : 2, { resync: 'resync' in change });
    script.push([deltaEvent(next)], 'dropped' in change ? change.dropped : 0);
    await expect.poll(() => store.resyncs).toBe(1);
    expect(store.lastResyncReason).toBe(reason);
    expect(script.callsOf('throttle.page').at(-1)?.payload).toEqual({ cursor: 0, limit: PAGE_LIMIT });
  });

  it('spaces reloads after missed updates at least two seconds apart', async () => {
    const { store, script, clock } = setup(manyRows(2));
    await store.reload();
    script.push([], 1);
    await expect.poll(() => store.resyncs).toBe(0);
    expect(script.callsOf('throttle.page')).toHaveLength(1);
    clock.now += MIN_RELOAD_GAP_MS - 1;
    store.tick();
    expect(script.callsOf('throttle.page')).toHaveLength(1);
    clock.now += 1;
    store.tick();
    await expect.poll(() => store.resyncs).toBe(1);
    expect(script.callsOf('throttle.page')).toHaveLength(2);
  });

  it('waits twice as long before each further reload while misses go on, and two seconds again once calm', async () => {
    const { store, script, clock } = setup(manyRows(2));
    await store.reload();
    const pageCalls = () => script.callsOf('throttle.page').length;
    /** Pushes a miss; true when the reload comes `gap` ms later, not a millisecond sooner. */
    const reloadsAfter = async (gap: number): Promise<boolean> => {
      const before = pageCalls();
      script.push([], 1);
      clock.now += gap - 1;
      store.tick();
      const early = pageCalls() - before;
      clock.now += 1;
      store.tick();
      await expect.poll(() => store.loading).toBe(false);
      return early === 0 && pageCalls() - before === 1;
    };
    // Each miss comes right after the reload it caused: 2 s, then 4 s, then 8 s.
    expect(await reloadsAfter(2_000)).toBe(true);
    expect(await reloadsAfter(4_000)).toBe(true);
    expect(await reloadsAfter(8_000)).toBe(true);
    // After a minute without misses the next one reloads at once.
    clock.now += 61_000;
    const before = pageCalls();
    script.push([], 1);
    expect(pageCalls()).toBe(before + 1);
    await expect.poll(() => store.resyncs).toBe(4);
  });

  it('reads the table again when more deltas arrive during a load than it keeps', async () => {
    const script = scriptedClient();
    const clock = { now: T0 };
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    script.answers['throttle.page'] = async () => {
      calls += 1;
      if (calls === 1) await gate;
      return { ok: true, value: page({ snapshotId: `s${calls}`, rows: manyRows(1) }) };
    };
    const store = new ThrottleStore(script.client, {
      now: () => clock.now,
      every: noTimer,
      pendingCaps: { maxDeltas: 2, maxBytes: 1_000_000 },
    });
    store.connect();
    const loading = store.reload();
    for (let seq = 1; seq <= 3; seq += 1) script.push([deltaEvent(delta(seq, { at: T0 + 1 }))]);
    release();
    await loading;
    clock.now += MIN_RELOAD_GAP_MS;
    store.tick();
    await expect.poll(() => store.resyncs).toBe(1);
    expect(store.lastResyncReason).toBe('more live updates arrived while the table was loading than this page keeps');
    expect(store.droppedDeltas).toBe(3);
  });
});

describe('ThrottleStore: filters and order', () => {
  const rows = [
    liveRow({ key: '12:admin@carbon.super' }),
    liveRow({ key: '120:bob@wso2.com', parts: { appId: '120', user: 'bob@wso2.com', tenant: 'wso2.com' } }),
    liveRow({
      key: '/pizzashack/1.0.0/1.0.0/menu:GET_condition_2',
      level: 'resource',
      parts: {
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        resource: '/menu',
        verb: 'GET',
        conditionGroup: '2',
      },
      expiryTimeStamp: T0 + 30_000,
      lastChange: T0 + 5_000,
    }),
    liveRow({
      key: 'custom-rule-9',
      level: 'custom',
      parts: { clientIp: '10.20.30.40' },
      expiryTimeStamp: T0 + 90_000,
    }),
  ];

  it.each([
    ['a level', { level: 'resource' as const }, ['/pizzashack/1.0.0/1.0.0/menu:GET_condition_2']],
    ['part of an API context, any case', { api: 'PIZZA' }, ['/pizzashack/1.0.0/1.0.0/menu:GET_condition_2']],
    ['an application id exactly', { app: '12' }, ['12:admin@carbon.super']],
    ['part of a user', { user: 'bob' }, ['120:bob@wso2.com']],
    ['free text in the key', { search: 'MENU:get' }, ['/pizzashack/1.0.0/1.0.0/menu:GET_condition_2']],
    ['free text in a decoded part only', { search: '10.20.30' }, ['custom-rule-9']],
    ['several at once', { user: 'carbon', app: '12', search: 'admin' }, ['12:admin@carbon.super']],
    ['nothing', { search: 'nope' }, []],
  ])('narrows the list by %s', async (_what, patch, expected) => {
    const { store } = setup(rows);
    await store.reload();
    store.setFilter(patch);
    expect(keys(store.visible).toSorted()).toEqual(expected.toSorted());
    store.clearFilter();
    expect(store.visible).toHaveLength(4);
  });

  it('sorts by the end of the window either way, or by the newest change', async () => {
    const { store } = setup(rows);
    await store.reload();
    expect(keys(store.visible)).toEqual([
      '/pizzashack/1.0.0/1.0.0/menu:GET_condition_2',
      '12:admin@carbon.super',
      '120:bob@wso2.com',
      'custom-rule-9',
    ]);
    store.setOrder('expiry-desc');
    expect(keys(store.visible)[0]).toBe('custom-rule-9');
    expect(keys(store.visible)[3]).toBe('/pizzashack/1.0.0/1.0.0/menu:GET_condition_2');
    store.setOrder('change-desc');
    expect(keys(store.visible)[0]).toBe('/pizzashack/1.0.0/1.0.0/menu:GET_condition_2');
  });
});

describe('ThrottleStore: pause', () => {
  it('freezes the list while changes keep arriving underneath, counts them, and catches up on resume', async () => {
    const { store, script } = setup(manyRows(3));
    await store.reload();
    store.pause();
    script.push([
      deltaEvent(
        delta(1, {
          upserts: [liveRow({ key: 'new:one', expiryTimeStamp: T0 - 5_000 + 10_000 })],
          removals: ['0:user0@carbon.super', 'not:known'],
          counters: counters({ live: 3 }),
        }),
      ),
    ]);
    store.tick();
    expect(keys(store.visible)).toEqual(keys(manyRows(3)));
    expect(store.changesWhilePaused).toBe(2);
    expect(store.counters.live).toBe(3);
    expect(store.mirrored).toBe(3);
    store.setFilter({ search: 'user2' });
    expect(keys(store.visible)).toEqual(['2:user2@carbon.super']);
    store.clearFilter();
    store.resume();
    expect(store.changesWhilePaused).toBe(0);
    expect(keys(store.visible)).toEqual(['1:user1@carbon.super', '2:user2@carbon.super', 'new:one']);
  });
});

describe('ThrottleStore: selection', () => {
  it('follows the selected key as it changes, and keeps its last state once it left the table', async () => {
    const { store, script } = setup(manyRows(2));
    await store.reload();
    store.select('1:user1@carbon.super');
    expect(store.selection?.live).toBe(true);
    const changed = liveRow({ key: '1:user1@carbon.super', reportedBy: ['tm1'], expiryTimeStamp: T0 + 99_000 });
    script.push([deltaEvent(delta(1, { upserts: [changed] }))]);
    expect(store.selection?.row.expiryTimeStamp).toBe(T0 + 99_000);
    script.push([deltaEvent(delta(2, { removals: ['1:user1@carbon.super'] }))]);
    expect(store.selection).toEqual({ row: changed, live: false });
    store.select(null);
    expect(store.selection).toBeNull();
  });
});

describe('ThrottleStore: decisions per second', () => {
  it('turns the cumulative decision counter into one point per second', async () => {
    const { store, script, clock, state } = setup();
    state.counters = counters({ decisions: 1_000 });
    await store.reload();
    script.push([deltaEvent(delta(1, { at: T0 + 100, counters: counters({ decisions: 1_030 }) }))]);
    script.push([deltaEvent(delta(2, { at: T0 + 900, counters: counters({ decisions: 1_050 }) }))]);
    script.push([deltaEvent(delta(3, { at: T0 + 1_200, counters: counters({ decisions: 1_060 }) }))]);
    expect(store.rate.values).toEqual([50]);
    expect(store.decisionsPerSec).toBe(50);
    clock.now = T0 + 4_600;
    store.tick();
    expect(store.rate).toEqual({ times: [T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 2], values: [50, 10, 0] });
    expect(store.decisionsPerSec).toBe(0);
  });
});
