import type { BlockRow, KeyTemplateRow, LiveRow, ThrottleCounters, ThrottleDelta } from './delta-types';
import type { KeyState } from './key-state';

export type Schedule = (fn: () => void, ms: number) => () => void;

export interface DeltaBatcherOptions {
  /** At most one delta per interval (100 ms: about 10 per second). */
  intervalMs: number;
  /** Size caps of one delta (bytes estimated, not serialized); what does not fit follows in the next. */
  maxRows: number;
  maxBytes: number;
  /** Changed keys waiting; past it they are let go and the next delta asks for a resync. */
  maxPending: number;
}

export const DEFAULT_DELTA_BATCHER_OPTIONS: DeltaBatcherOptions = {
  intervalMs: 100,
  maxRows: 2_000,
  maxBytes: 512 * 1024,
  maxPending: 100_000,
};

/** Where the batcher reads current rows at flush time (changes are marked, not copied). */
export interface DeltaSource {
  row(state: KeyState): LiveRow;
  blockRow(id: string): BlockRow | undefined;
  keyTemplateRow(template: string): KeyTemplateRow | undefined;
  counters(): ThrottleCounters;
}

/**
 * Turns a stream of per-decision changes into a few deltas per second for the UI. A change only
 * marks its key; the row is read when the delta is built, so a key that changes a thousand times
 * between flushes costs one row. Time comes from the injected `schedule` and `clock`.
 */
export class DeltaBatcher {
  private dirty: KeyState[] = [];
  private readonly dirtyBlocks = new Set<string>();
  private readonly dirtyTemplates = new Set<string>();
  private readonly listeners = new Set<(delta: ThrottleDelta) => void>();
  private cancelTimer: (() => void) | undefined;
  private seq = 0;
  private resyncPending = false;
  /** Something (if only a counter) changed since the last delta. */
  private pending = false;
  private droppedCount = 0;

  constructor(
    private readonly source: DeltaSource,
    private readonly schedule: Schedule,
    private readonly clock: () => number,
    private readonly options: DeltaBatcherOptions = DEFAULT_DELTA_BATCHER_OPTIONS,
  ) {}

  get dropped(): number {
    return this.droppedCount;
  }

  /** The seq of the last delta sent: a snapshot taken now is followed by delta lastSeq + 1. */
  get lastSeq(): number {
    return this.seq;
  }

  onDelta(listener: (delta: ThrottleDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  touch(state: KeyState): void {
    if (!state.dirty) {
      if (this.dirty.length >= this.options.maxPending) this.overflow();
      state.dirty = true;
      this.dirty.push(state);
    }
    this.touchCounters();
  }

  touchBlock(id: string): void {
    if (this.dirtyBlocks.size >= this.options.maxPending) this.overflow();
    this.dirtyBlocks.add(id);
    this.touchCounters();
  }

  touchKeyTemplate(template: string): void {
    if (this.dirtyTemplates.size >= this.options.maxPending) this.overflow();
    this.dirtyTemplates.add(template);
    this.touchCounters();
  }

  /** Counters changed: make sure a delta goes out (counters travel in every delta). */
  touchCounters(): void {
    this.pending = true;
    this.cancelTimer ??= this.schedule(() => this.flush(), this.options.intervalMs);
  }

  /** Builds and delivers the next delta now; returns it, or undefined when nothing was pending. */
  flush(): ThrottleDelta | undefined {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (!this.pending) return undefined;
    this.pending = false;
    const { maxRows, maxBytes } = this.options;
    const rows = new Map<string, LiveRow | null>();
    let bytes = 0;
    let taken = 0;
    for (; taken < this.dirty.length && rows.size < maxRows && bytes < maxBytes; taken += 1) {
      const state = this.dirty[taken] as KeyState;
      state.dirty = false;
      if (state.live && !state.gone) {
        const row = this.source.row(state);
        bytes += estimateRowBytes(row);
        rows.set(state.key, row);
      } else {
        bytes += state.key.length + 4;
        rows.set(state.key, null);
      }
    }
    this.dirty = taken === this.dirty.length ? [] : this.dirty.slice(taken);

    const delta: ThrottleDelta = {
      seq: ++this.seq,
      at: this.clock(),
      resync: this.resyncPending,
      upserts: [],
      removals: [],
      blocks: { upserts: [], removals: [] },
      keyTemplates: { upserts: [], removals: [] },
      counters: this.source.counters(),
      more: this.dirty.length > 0,
    };
    for (const [key, row] of rows) {
      if (row) delta.upserts.push(row);
      else delta.removals.push(key);
    }
    for (const id of this.dirtyBlocks) {
      const row = this.source.blockRow(id);
      if (row) delta.blocks.upserts.push(row);
      else delta.blocks.removals.push(id);
    }
    for (const template of this.dirtyTemplates) {
      const row = this.source.keyTemplateRow(template);
      if (row) delta.keyTemplates.upserts.push(row);
      else delta.keyTemplates.removals.push(template);
    }
    this.dirtyBlocks.clear();
    this.dirtyTemplates.clear();
    this.resyncPending = false;
    if (delta.more) this.touchCounters();
    for (const listener of this.listeners) listener(delta);
    return delta;
  }

  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.listeners.clear();
  }

  /** Too much waits: let it go and have the UI take a snapshot instead. */
  private overflow(): void {
    this.droppedCount += this.dirty.length + this.dirtyBlocks.size + this.dirtyTemplates.size;
    for (const state of this.dirty) state.dirty = false;
    this.dirty = [];
    this.dirtyBlocks.clear();
    this.dirtyTemplates.clear();
    this.resyncPending = true;
  }
}

/**
 * About the size of a row as JSON, without serializing it (that would cost more than building
 * the row): field names and numbers, the key, its parts (pieces of the key), conditions, brokers.
 */
function estimateRowBytes(row: LiveRow): number {
  let bytes = 220 + 2 * row.key.length + 40 * row.disagreement.length;
  for (const condition of row.conditions) bytes += 80 + 2 * condition.text.length;
  for (const broker of row.reportedBy) bytes += broker.length + 3;
  return bytes;
}
