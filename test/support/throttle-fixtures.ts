import type { EventEnvelope } from '../../electron/core/host/contract';
import type { ThrottlePage } from '../../electron/core/host/throttle-contract';
import type { BlockRow, LiveRow, ThrottleCounters, ThrottleDelta } from '../../electron/core/throttle/delta-types';
import { emptyCounters } from './fixtures';

export const T0 = 1_800_000_000_000;

/** An application-level row for `app:user`, throttled by tm1 and tm2 until a minute after T0. */
export function liveRow(overrides: Partial<LiveRow> = {}): LiveRow {
  return {
    key: '12:admin@carbon.super',
    level: 'application',
    parts: { appId: '12', user: 'admin@carbon.super', tenant: 'carbon.super' },
    isThrottled: true,
    expiryTimeStamp: T0 + 60_000,
    conditions: [],
    firstSeen: T0,
    lastChange: T0,
    reportedBy: ['tm1', 'tm2'],
    skewMs: 0,
    disagreement: [],
    ...overrides,
  };
}

/** Rows of application keys `app{i}:user{i}@carbon.super`, the i-th ending i seconds after `from`. */
export function manyRows(count: number, from = T0): LiveRow[] {
  const rows: LiveRow[] = [];
  for (let i = 0; i < count; i += 1) {
    rows.push(
      liveRow({
        key: `${i}:user${i}@carbon.super`,
        parts: { appId: String(i), user: `user${i}@carbon.super`, tenant: 'carbon.super' },
        expiryTimeStamp: from + i * 1_000,
      }),
    );
  }
  return rows;
}

export function counters(overrides: Partial<ThrottleCounters> = {}): ThrottleCounters {
  return { ...emptyCounters(), ...overrides };
}

export function page(overrides: Partial<ThrottlePage> = {}): ThrottlePage {
  return {
    snapshotId: 'snap-1',
    at: T0,
    deltaSeq: 0,
    total: 0,
    rows: [],
    nextCursor: null,
    blocks: [],
    keyTemplates: [],
    counters: counters(),
    ...overrides,
  };
}

export function delta(seq: number, overrides: Partial<ThrottleDelta> = {}): ThrottleDelta {
  return {
    seq,
    at: T0 + seq * 100,
    resync: false,
    upserts: [],
    removals: [],
    blocks: { upserts: [], removals: [] },
    keyTemplates: { upserts: [], removals: [] },
    counters: counters(),
    more: false,
    ...overrides,
  };
}

export function deltaEvent(d: ThrottleDelta): EventEnvelope {
  return { name: 'throttle.delta', payload: d };
}

export function blockRow(overrides: Partial<BlockRow> = {}): BlockRow {
  return {
    id: 'IP|carbon.super|10.0.0.7',
    conditionType: 'IP',
    conditionValue: '{"fixedIp":"10.0.0.7","invert":false}',
    value: { kind: 'ip', fixedIp: '10.0.0.7', invert: false, text: 'IP 10.0.0.7' },
    conditionId: '4',
    tenantDomain: 'carbon.super',
    reportedBy: ['tm1', 'tm2'],
    since: T0,
    ...overrides,
  };
}
