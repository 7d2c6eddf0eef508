import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ChangeRecord } from '../../electron/core/throttle/change-records';
import { openCore } from '../support/cluster-watch';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import {
  collectRecords,
  isDecision,
  isDisagreement,
  linksSubscribed,
  liveTable,
  nextDelta,
  nextThrottleRecord,
} from '../support/throttle-watch';
import { mosquittoTool } from '../support/tools';

const mosquitto = mosquittoTool();
const TMS = ['tm1', 'tm2', 'tm3'];

const payload = (key: string, isThrottled: boolean, expiry: number): string =>
  JSON.stringify({ event: { payloadData: { throttleKey: key, isThrottled, expiryTimeStamp: expiry } } });

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

// Three real brokers, one traffic manager's publisher on each, and the console's app core linked
// to all three: what an operator's console sees of a cluster's decisions.
describe.skipIf(!mosquitto.available)('throttle decisions merged across three Mosquitto brokers', () => {
  let brokers: MosquittoBroker[] = [];
  let core: AppCore;
  let publishers: MqttClient[] = [];
  let run = 0;

  /** One publisher per broker, as each traffic manager publishes on its own broker. */
  async function connectPublishers(): Promise<void> {
    publishers = await Promise.all(
      brokers.map((b, i) => connectAsync(b.url, { clientId: `tm-publisher-${i}-${run}`, reconnectPeriod: 0 })),
    );
  }

  /** QoS 0 as traffic managers publish; each publisher's messages reach the console in order. */
  function publish(to: readonly number[], text: string): void {
    for (const i of to) publishers[i]?.publish('throttleData', text, { qos: 0 });
  }

  beforeAll(async () => {
    // No cap on what a broker holds for a client, so a burst is never thinned by the broker.
    brokers = await Promise.all(
      TMS.map(() => startMosquitto(mosquitto.path ?? '', { globalOptions: ['max_queued_messages 0'] })),
    );
    core = await openCore({
      name: 'throttle-merge',
      brokers: brokers.map((b, i) => ({ id: TMS[i] ?? '', label: `TM ${i + 1}`, url: b.url })),
      failover: { backoff: { initialMs: 100, maxMs: 500, multiplier: 2, jitter: true } },
    });
    await linksSubscribed(core, TMS);
  });

  afterEach(async () => {
    await Promise.all(publishers.map((p) => p.endAsync(true)));
    publishers = [];
  });

  afterAll(async () => {
    await core?.stop();
    await Promise.all(brokers.map((b) => b.stop()));
  });

  it('a decision published on all three brokers is one live row reported by all three, and one change record', async () => {
    run += 1;
    await connectPublishers();
    const key = `${run}:alice@carbon.super`;
    const sentinel = `${run}:sentinel@carbon.super`;
    const expiry = Date.now() + 600_000;
    const seen = collectRecords(core);
    const settled = nextThrottleRecord(core, isDecision(key, expiry));
    publish([0, 1, 2], payload(key, true, expiry));
    const record = await settled;
    expect(record).toMatchObject({ level: 'application', parts: { appId: String(run), user: 'alice@carbon.super' } });
    expect(sorted(record.reportedBy)).toEqual(TMS);

    // Each broker delivers in order: once the sentinel is settled by all three, every copy of the
    // decision has been read, and still there is one record of it.
    const last = nextThrottleRecord(core, isDecision(sentinel));
    publish([0, 1, 2], payload(sentinel, true, expiry));
    await last;
    seen.stop();
    expect(seen.records.filter((r) => r.type === 'decision' && r.key === key)).toHaveLength(1);
    expect(seen.records.filter((r) => r.type === 'disagreement')).toEqual([]);

    const { rows } = await liveTable(core);
    const mine = rows.filter((r) => r.key === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ isThrottled: true, expiryTimeStamp: expiry, disagreement: [] });
    expect(sorted(mine[0]?.reportedBy ?? [])).toEqual(TMS);
  });

  it('a broker that reports the opposite state for the same window is flagged opposite', async () => {
    run += 1;
    await connectPublishers();
    const key = `/pizzashack${run}/1.0.0:1.0.0_default`;
    const expiry = Date.now() + 600_000;
    const bothReported = nextDelta(core, (d) =>
      d.upserts.some((r) => r.key === key && sorted(r.reportedBy).join() === 'tm1,tm2'),
    );
    publish([0, 1], payload(key, true, expiry));
    await bothReported;

    const flagged = nextThrottleRecord(core, isDisagreement(key, 'tm3', 'opposite', false));
    publish([2], payload(key, false, expiry));
    expect(await flagged).toMatchObject({ level: 'api', isThrottled: true, expiryTimeStamp: expiry });

    const row = (await liveTable(core)).rows.find((r) => r.key === key);
    expect(row?.disagreement).toEqual([{ broker: 'tm3', kind: 'opposite' }]);
    expect(row?.isThrottled).toBe(true);
  });

  it('a connected broker that stops reporting is flagged missing after the grace window, and cleared by a late report', async () => {
    run += 1;
    await connectPublishers();
    const key = `${run}:/orders/2.0.0:2.0.0:Gold`;
    const first = Date.now() + 600_000;
    const second = first + 60_000;
    const agreed = nextThrottleRecord(core, isDecision(key, first));
    publish([0, 1, 2], payload(key, true, first));
    expect(sorted((await agreed).reportedBy)).toEqual(TMS);

    // tm3's traffic manager says nothing more; its link stays up.
    const decided = nextThrottleRecord(core, isDecision(key, second));
    const missing = nextThrottleRecord(core, isDisagreement(key, 'tm3', 'missing', false));
    publish([0, 1], payload(key, true, second));
    const [decision, flagged] = await Promise.all([decided, missing]);
    expect(sorted(decision.reportedBy)).toEqual(['tm1', 'tm2']);
    expect(flagged.at - decision.receivedAt).toBeGreaterThanOrEqual(2_000);
    expect(
      core
        .cluster()
        ?.links()
        .find((l) => l.brokerId === 'tm3')?.isConnected,
    ).toBe(true);
    let row = (await liveTable(core)).rows.find((r) => r.key === key);
    expect(row?.disagreement).toEqual([{ broker: 'tm3', kind: 'missing' }]);

    const cleared = nextThrottleRecord(core, isDisagreement(key, 'tm3', 'missing', true));
    publish([2], payload(key, true, second));
    await cleared;
    row = (await liveTable(core)).rows.find((r) => r.key === key);
    expect(row?.disagreement).toEqual([]);
    expect(sorted(row?.reportedBy ?? [])).toEqual(TMS);
  });

  it('one broker killed mid-stream loses nothing: every version of every key arrives once, final states correct', async () => {
    run += 1;
    await connectPublishers();
    const keys = Array.from({ length: 60 }, (_, k) =>
      k % 3 === 0
        ? `${k}:user${k}-${run}@carbon.super`
        : k % 3 === 1
          ? `/api${k}-${run}/1.0.0:1.0.0_condition_${k % 4}`
          : `/api${k}-${run}/1.0.0/1.0.0/items:GET_default`,
    );
    const versions = 6;
    const base = Date.now() + 600_000;
    // Version v of key k: a window one minute after the last; throttled and unthrottled in turn.
    const version = (k: number, v: number) => ({ isThrottled: (v + k) % 2 === 0, expiry: base + v * 60_000 });
    const finalExpiry = version(0, versions - 1).expiry;
    const seen = collectRecords(core);
    const allFinal = new Promise<void>((resolve, reject) => {
      const pending = new Set(keys);
      const timer = setTimeout(() => reject(new Error(`no final record for ${[...pending].join(' ')}`)), 15_000);
      const off = core.onThrottleEvent((event) => {
        const r = event.type === 'change' ? event.record : undefined;
        if (r?.type === 'decision' && r.expiryTimeStamp === finalExpiry) pending.delete(r.key);
        if (pending.size === 0) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });

    let live = [0, 1, 2];
    for (let v = 0; v < versions; v += 1) {
      for (const [k, key] of keys.entries()) {
        if (v === versions / 2 && k === keys.length / 2) {
          // kill -9 in the middle of a round: tm2 is gone without a word.
          await brokers[1]?.kill();
          live = [0, 2];
        }
        const { isThrottled, expiry } = version(k, v);
        publish(live, payload(key, isThrottled, expiry));
      }
    }
    try {
      await allFinal;
      seen.stop();
      const decisions = seen.records.filter(
        (r): r is Extract<ChangeRecord, { type: 'decision' }> => r.type === 'decision',
      );
      for (const [k, key] of keys.entries()) {
        const expiries = decisions.filter((r) => r.key === key).map((r) => r.expiryTimeStamp);
        expect(expiries, key).toEqual(Array.from({ length: versions }, (_, v) => version(k, v).expiry));
      }
      const rows = new Map((await liveTable(core)).rows.map((r) => [r.key, r]));
      for (const [k, key] of keys.entries()) {
        const newest = version(k, versions - 1);
        if (newest.isThrottled) expect(rows.get(key)?.expiryTimeStamp, key).toBe(newest.expiry);
        else expect(rows.has(key), key).toBe(false);
      }
    } finally {
      await brokers[1]?.restart();
      await linksSubscribed(core, TMS);
    }
  });
});
