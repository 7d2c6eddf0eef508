import type { DisagreementKind } from './change-records';
import type { BlockType, BlockValue, KeyLevel, KeyParts, ThrottleCondition } from './message-types';
import type { RejectionCount, RejectionSample } from './rejection';

// What the UI receives: a snapshot once, then batched deltas. Plain data, JSON-safe.

export interface LiveRow {
  key: string;
  level: KeyLevel;
  parts: KeyParts;
  /** Always true in the live table; kept so a row reads on its own. */
  isThrottled: boolean;
  expiryTimeStamp: number;
  conditions: readonly ThrottleCondition[];
  firstSeen: number;
  lastChange: number;
  reportedBy: string[];
  skewMs: number;
  /** Empty when every connected broker agrees. */
  disagreement: { broker: string; kind: DisagreementKind }[];
}

export interface BlockRow {
  /** Identity in the table: type, tenant and value. */
  id: string;
  conditionType: BlockType;
  conditionValue: string;
  value: BlockValue;
  conditionId: string | undefined;
  tenantDomain: string | undefined;
  reportedBy: string[];
  since: number;
}

export interface KeyTemplateRow {
  template: string;
  reportedBy: string[];
  since: number;
}

export type HistoryChange = 'throttled' | 'unthrottled' | 'expired' | 'evicted';

export interface HistoryEntry {
  at: number;
  key: string;
  change: HistoryChange;
  expiryTimeStamp: number;
}

export interface ThrottleCounters {
  /** Keys in the live table, in all and per level. */
  live: number;
  byLevel: Record<KeyLevel, number>;
  /** Payloads ingested, accepted or not. */
  messages: number;
  /** Versions applied (a key's state or window changed). */
  decisions: number;
  /** Reports of the current version by a further broker. */
  confirmations: number;
  /** Reports of an earlier, kept version (a broker whose stream lags). */
  lateConfirmations: number;
  /** Reports older than every kept version: ignored, never applied. */
  stale: number;
  /** The same broker repeating the current version. */
  duplicates: number;
  /** Decisions whose window had already ended on arrival, for keys not known. */
  expiredOnArrival: number;
  disagreeingKeys: number;
  rejected: number;
  unreadableConditions: number;
  blocks: number;
  keyTemplates: number;
  /** Entries let go by a cap, per structure. */
  dropped: {
    keys: number;
    /** Versions whose grace window was cut short by the wait list's cap (not checked for disagreement). */
    graceChecks: number;
    history: number;
    blocks: number;
    keyTemplates: number;
    rejectionSamples: number;
    deltas: number;
  };
}

export interface ThrottleDelta {
  seq: number;
  at: number;
  /** The batcher's own cap overflowed and changes were let go: replace the table by a snapshot. */
  resync: boolean;
  upserts: LiveRow[];
  removals: string[];
  blocks: { upserts: BlockRow[]; removals: string[] };
  keyTemplates: { upserts: KeyTemplateRow[]; removals: string[] };
  counters: ThrottleCounters;
  /** A size cap cut this batch short; the rest follows in the next one. */
  more: boolean;
}

export interface ThrottleSnapshot {
  at: number;
  /** The last delta sent before this snapshot; the next one (deltaSeq + 1) applies on top of it. */
  deltaSeq: number;
  rows: LiveRow[];
  blocks: BlockRow[];
  keyTemplates: KeyTemplateRow[];
  counters: ThrottleCounters;
  rejections: { counts: RejectionCount[]; samples: RejectionSample[] };
  history: HistoryEntry[];
}
