import type { AppCore } from '../../electron/core/app-core';
import type { ThrottleEvent } from '../../electron/core/cluster-session';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import type { ThrottlePage } from '../../electron/core/host/throttle-contract';
import type { ChangeRecord } from '../../electron/core/throttle/change-records';
import type { LiveRow, ThrottleDelta } from '../../electron/core/throttle/delta-types';
import { nextClusterEvent } from './cluster-watch';
import { nextEvent } from './next-event';

/**
 * Resolves with the first merged change record that matches, from now on (`core.onThrottleEvent`).
 * Rejects after `timeoutMs` with the last records seen, so a failure says what happened.
 */
export function nextThrottleRecord<T extends ChangeRecord>(
  core: AppCore,
  match: (record: ChangeRecord) => record is T,
  timeoutMs = 15_000,
): Promise<T> {
  return nextEvent({
    subscribe: (listener: (event: ThrottleEvent) => void) => core.onThrottleEvent(listener),
    pick: (event) => (event.type === 'change' && match(event.record) ? event.record : undefined),
    what: 'change record',
    describe: (event) => (event.type === 'change' ? JSON.stringify(event.record) : undefined),
    timeoutMs,
    keep: 10,
  });
}

/** Resolves with the first UI delta that matches, from now on. */
export function nextDelta(
  core: AppCore,
  match: (delta: ThrottleDelta) => boolean,
  timeoutMs = 15_000,
): Promise<ThrottleDelta> {
  return nextEvent({
    subscribe: (listener: (event: ThrottleEvent) => void) => core.onThrottleEvent(listener),
    pick: (event) => (event.type === 'delta' && match(event.delta) ? event.delta : undefined),
    what: 'delta',
    timeoutMs,
  });
}

/** Every change record from now until `stop()`. */
export function collectRecords(core: AppCore): { records: ChangeRecord[]; stop: () => void } {
  const records: ChangeRecord[] = [];
  const stop = core.onThrottleEvent((event) => {
    if (event.type === 'change') records.push(event.record);
  });
  return { records, stop };
}

export const isDecision =
  (key: string, expiry?: number) =>
  (record: ChangeRecord): record is Extract<ChangeRecord, { type: 'decision' }> =>
    record.type === 'decision' && record.key === key && (expiry === undefined || record.expiryTimeStamp === expiry);

export const isDisagreement =
  (key: string, broker: string, kind: 'missing' | 'opposite', resolved: boolean) =>
  (record: ChangeRecord): record is Extract<ChangeRecord, { type: 'disagreement' }> =>
    record.type === 'disagreement' &&
    record.key === key &&
    record.broker === broker &&
    record.kind === kind &&
    record.resolved === resolved;

/** The whole live table, page by page, as a UI reads it through the contract. */
export async function liveTable(core: AppCore): Promise<{ rows: LiveRow[]; counters: ThrottlePage['counters'] }> {
  const rows: LiveRow[] = [];
  let cursor: number | null = 0;
  let snapshotId: string | undefined;
  let counters: ThrottlePage['counters'] | undefined;
  while (cursor !== null) {
    const result = await core.dispatch('throttle.page', { snapshotId, cursor, limit: 2_000 });
    if (!result.ok) throw new Error(result.error.message);
    const page = result.value as ThrottlePage;
    rows.push(...page.rows);
    ({ snapshotId, counters } = page);
    cursor = page.nextCursor;
  }
  if (!counters) throw new Error('no page was read');
  return { rows, counters };
}

/**
 * Waits until each link is connected and its first probe came back: the probe topic is
 * subscribed with the others in one request, so from then on the link receives throttleData.
 */
export async function linksSubscribed(core: AppCore, brokerIds: readonly string[]): Promise<void> {
  for (const id of brokerIds) {
    const link = core
      .cluster()
      ?.snapshot()
      .links.find((l) => l.brokerId === id);
    if (link?.state === 'connected' && link.rttMs !== null) continue;
    await nextClusterEvent(
      core,
      (e): e is Extract<ClusterEvent, { type: 'link' }> =>
        e.type === 'link' && e.link.brokerId === id && e.link.state === 'connected' && e.link.rttMs !== null,
    );
  }
}
