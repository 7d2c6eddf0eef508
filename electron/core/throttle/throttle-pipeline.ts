import { BrokerBits } from './broker-bits';
import type { ChangeRecord } from './change-records';
import {
  BlockTable,
  DEFAULT_BLOCK_CAPS,
  DEFAULT_KEY_TEMPLATE_CAPS,
  KeyTemplateTable,
  type TableCaps,
  type TableChange,
} from './condition-tables';
import {
  DecisionMerge,
  DEFAULT_MERGE_OPTIONS,
  type MergeHooks,
  type MergeOptions,
  type MergeOutcome,
} from './decision-merge';
import { blockFields, keyTemplateFields } from './decoded-record';
import { DEFAULT_DELTA_BATCHER_OPTIONS, DeltaBatcher, type DeltaBatcherOptions, type Schedule } from './delta-batcher';
import type { HistoryEntry, ThrottleCounters, ThrottleDelta, ThrottleSnapshot } from './delta-types';
import { HistoryLog } from './history-log';
import { ConditionCache } from './evaluated-conditions';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from './guarded-json';
import { classifyThrottleKey } from './key-classifier';
import { toBlockRow, toKeyTemplateRow, toLiveRow } from './live-row';
import { canDecodePlain, decodeThrottleMessage } from './message-decoder';
import { blankPlainDecision, readPlainDecision } from './plain-decision';
import { KeyStateCache } from './key-state-cache';
import type { BlockMessage, KeyTemplateMessage } from './message-types';
import { reject } from './rejection';
import { DEFAULT_REJECTION_LOG_OPTIONS, RejectionLog, type RejectionLogOptions } from './rejection-log';

export interface ThrottlePipelineOptions {
  clock: () => number;
  /** Timer for delta batches; defaults to setTimeout. */
  schedule?: Schedule;
  json?: Partial<JsonLimits>;
  merge?: Partial<MergeOptions>;
  deltas?: Partial<DeltaBatcherOptions>;
  history?: { maxEntries: number; maxBytes: number };
  rejections?: Partial<RejectionLogOptions>;
  blocks?: Partial<TableCaps>;
  keyTemplates?: Partial<TableCaps>;
}

export type IngestOutcome = MergeOutcome | 'rejected' | `block ${TableChange}` | `keyTemplate ${TableChange}`;

export interface ThrottlePipeline {
  /** One MQTT message from the `throttleData` topic of one broker. Never throws. */
  ingest(brokerId: string, payload: Buffer, receivedAt: number): IngestOutcome;
  /** The brokers whose links are connected now; only they are expected to report decisions. */
  setConnected(brokerIds: Iterable<string>): void;
  /** Ends windows and grace periods; call every ~250 ms. */
  tick(now: number): void;
  snapshot(): ThrottleSnapshot;
  counters(): ThrottleCounters;
  /** The small tables alone, without building the live rows. */
  rejections(): ThrottleSnapshot['rejections'];
  history(): HistoryEntry[];
  /** Merged changes, in the `tmc watch --json` shape. */
  onChange(listener: (record: ChangeRecord) => void): () => void;
  /** Batched deltas for the UI, at most one per `deltas.intervalMs`. */
  onDelta(listener: (delta: ThrottleDelta) => void): () => void;
  flushDeltas(): ThrottleDelta | undefined;
  close(): void;
}

const DEFAULT_HISTORY = { maxEntries: 10_000, maxBytes: 2 * 1024 * 1024 };

const defaultSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

/** Decode → merge → live table → deltas and change records, for every broker's decision stream. */
export function createThrottlePipeline(options: ThrottlePipelineOptions): ThrottlePipeline {
  const { clock } = options;
  const jsonLimits = { ...DEFAULT_JSON_LIMITS, ...options.json };
  const brokers = new BrokerBits();
  const listeners = new Set<(record: ChangeRecord) => void>();
  const rejections = new RejectionLog({ ...DEFAULT_REJECTION_LOG_OPTIONS, ...options.rejections });
  const blocks = new BlockTable({ ...DEFAULT_BLOCK_CAPS, ...options.blocks });
  const keyTemplates = new KeyTemplateTable({ ...DEFAULT_KEY_TEMPLATE_CAPS, ...options.keyTemplates });
  const conditionCache = new ConditionCache();
  const historyCaps = options.history ?? DEFAULT_HISTORY;
  const history = new HistoryLog(historyCaps.maxEntries, historyCaps.maxBytes);
  let messages = 0;
  const plainAllowed = canDecodePlain(jsonLimits);
  // Filled by the fast path for each message; the merge copies the fields it keeps.
  const plain = blankPlainDecision();
  const keyCache = new KeyStateCache();

  const emit = (record: ChangeRecord): void => {
    for (const listener of listeners) listener(record);
  };

  const hooks: MergeHooks = {
    classify: (key) => classifyThrottleKey(key, keyTemplates.matchers()),
    conditions: (raw) => conditionCache.get(raw),
    rowChanged: (state) => batcher.touch(state),
    settled(state) {
      if (listeners.size === 0) return;
      emit({
        type: 'decision',
        key: state.key,
        level: state.level,
        parts: state.parts,
        isThrottled: state.isThrottled,
        expiryTimeStamp: state.expiry,
        conditions: state.conditions,
        reportedBy: brokers.idsOf(state.reportedMask),
        receivedAt: state.firstArrival,
        skewMs: state.lastArrival - state.firstArrival,
      });
    },
    disagreement(state, bit, kind, resolved, at) {
      if (listeners.size === 0) return;
      emit({
        type: 'disagreement',
        key: state.key,
        level: state.level,
        broker: brokers.idsOf(bit)[0] ?? '',
        kind,
        resolved,
        isThrottled: state.isThrottled,
        expiryTimeStamp: state.expiry,
        reportedBy: brokers.idsOf(state.reportedMask),
        at,
      });
    },
    history: (state, change, at) => history.push(at, state.key, change, state.expiry),
  };
  const merge = new DecisionMerge({ ...DEFAULT_MERGE_OPTIONS, ...options.merge }, hooks);

  function counters(): ThrottleCounters {
    const c = merge.counters;
    return {
      live: c.live,
      byLevel: { ...merge.byLevel },
      messages,
      decisions: c.decisions,
      confirmations: c.confirmations,
      lateConfirmations: c.lateConfirmations,
      stale: c.stale,
      duplicates: c.duplicates,
      expiredOnArrival: c.expiredOnArrival,
      disagreeingKeys: c.disagreeingKeys,
      rejected: rejections.total,
      unreadableConditions: c.unreadableConditions,
      blocks: blocks.size,
      keyTemplates: keyTemplates.size,
      dropped: {
        keys: c.droppedKeys,
        graceChecks: c.droppedGraceChecks,
        history: history.dropped,
        blocks: blocks.dropped,
        keyTemplates: keyTemplates.dropped,
        rejectionSamples: rejections.droppedSamples,
        deltas: batcher.dropped,
      },
    };
  }

  const batcher = new DeltaBatcher(
    {
      row: (state) => toLiveRow(state, brokers),
      blockRow(id) {
        const entry = blocks.get(id);
        return entry ? toBlockRow(id, entry, brokers) : undefined;
      },
      keyTemplateRow(template) {
        const entry = keyTemplates.get(template);
        return entry ? toKeyTemplateRow(entry, brokers) : undefined;
      },
      counters,
    },
    options.schedule ?? defaultSchedule,
    clock,
    { ...DEFAULT_DELTA_BATCHER_OPTIONS, ...options.deltas },
  );

  function applyBlock(message: BlockMessage, bit: number, at: number): TableChange {
    const { id, change } = blocks.applyMessage(message, bit, at);
    if (change === 'added' || change === 'removed' || change === 'confirmed') batcher.touchBlock(id);
    if ((change === 'added' || change === 'removed') && listeners.size > 0) {
      emit({ ...blockFields(message), reportedBy: brokers.idsOf(blocks.get(id)?.activeMask ?? 0), receivedAt: at });
    }
    return change;
  }

  function applyKeyTemplate(message: KeyTemplateMessage, bit: number, at: number): TableChange {
    const change = keyTemplates.applyMessage(message, bit, at);
    if (change === 'added' || change === 'removed' || change === 'confirmed')
      batcher.touchKeyTemplate(message.template);
    if ((change === 'added' || change === 'removed') && listeners.size > 0) {
      const reportedBy = brokers.idsOf(keyTemplates.get(message.template)?.activeMask ?? 0);
      emit({ ...keyTemplateFields(message), reportedBy, receivedAt: at });
    }
    return change;
  }

  return {
    ingest(brokerId, payload, receivedAt) {
      messages += 1;
      const bit = brokers.bitOf(brokerId);
      batcher.touchCounters();
      // This runs per message: the plain decision shape first, read in place, its key looked up
      // by its bytes; the general decoder for everything else.
      if (bit !== 0 && plainAllowed && payload.length <= jsonLimits.maxBytes && readPlainDecision(payload, plain)) {
        let state = keyCache.find(payload, plain.keyStart, plain.keyEnd, plain.keyHash);
        if (state) {
          plain.key = state.key;
        } else {
          plain.key = payload.toString('latin1', plain.keyStart, plain.keyEnd);
          state = merge.get(plain.key);
          if (!state) return merge.apply(bit, plain, receivedAt);
          keyCache.remember(state, plain.keyHash);
        }
        return merge.applyTo(state, bit, plain, receivedAt);
      }
      const result =
        bit === 0
          ? reject('too-many-brokers', `broker "${brokerId}" is past the cap of 32 brokers per pipeline`)
          : decodeThrottleMessage(payload, jsonLimits);
      if (!result.ok) {
        rejections.record(brokerId, result, payload, receivedAt);
        if (listeners.size > 0) {
          emit({ type: 'rejected', broker: brokerId, code: result.code, reason: result.reason, receivedAt });
        }
        return 'rejected';
      }
      const message = result.message;
      if (message.type === 'decision') return merge.apply(bit, message, receivedAt);
      if (message.type === 'block') return `block ${applyBlock(message, bit, receivedAt)}`;
      return `keyTemplate ${applyKeyTemplate(message, bit, receivedAt)}`;
    },
    setConnected(brokerIds) {
      merge.setConnected(brokers.maskOf(brokerIds));
    },
    tick(now) {
      merge.tick(now);
    },
    snapshot() {
      const at = clock();
      const rows = [];
      for (const state of merge.liveStates()) if (state.expiry >= at) rows.push(toLiveRow(state, brokers));
      return {
        at,
        deltaSeq: batcher.lastSeq,
        rows,
        blocks: [...blocks.entriesById()].map(([id, entry]) => toBlockRow(id, entry, brokers)),
        keyTemplates: [...keyTemplates.entriesById()].map(([, entry]) => toKeyTemplateRow(entry, brokers)),
        counters: counters(),
        rejections: { counts: rejections.counts(), samples: rejections.samples() },
        history: history.entries(),
      };
    },
    counters,
    rejections: () => ({ counts: rejections.counts(), samples: rejections.samples() }),
    history: () => history.entries(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onDelta: (listener) => batcher.onDelta(listener),
    flushDeltas: () => batcher.flush(),
    close() {
      batcher.close();
      listeners.clear();
    },
  };
}
