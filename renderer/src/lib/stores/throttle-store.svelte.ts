import type { EventBatch } from '../../../../electron/core/host/contract';
import type { ThrottlePage } from '../../../../electron/core/host/throttle-contract';
import type {
  BlockRow,
  KeyTemplateRow,
  LiveRow,
  ThrottleCounters,
  ThrottleDelta,
} from '../../../../electron/core/throttle/delta-types';
import { emptyThrottleCounters } from '../../../../electron/core/throttle/empty-counters';
import { DeltaSequence } from '../throttle/delta-sequence';
import { KeyedRows } from '../throttle/keyed-rows';
import { DEFAULT_MIRROR_CAPS, LiveMirror, type MirrorCaps } from '../throttle/live-mirror';
import { loadMirror } from '../throttle/page-loader';
import { DEFAULT_PENDING_CAPS, PendingDeltas, type PendingCaps } from '../throttle/pending-deltas';
import { RateSeries, type RatePoints } from '../throttle/rate-series';
import { ReloadSchedule, RETRY_MS } from '../throttle/reload-schedule';
import { NO_FILTER, rowMatcher, type ThrottleFilter } from '../throttle/row-filter';
import { visibleRows, type SortOrder } from '../throttle/visible-rows';
import type { ContractClient } from '../transport/contract-client';
import { everyInterval, type Every } from './every';

/** How often the visible list follows the live table: often enough to look live, cheap at 100,000 rows. */
export const REFRESH_MS = 500;

export interface ThrottleStoreDeps {
  now: () => number;
  every: Every;
  mirrorCaps: MirrorCaps;
  pendingCaps: PendingCaps;
}

const DEFAULT_DEPS: ThrottleStoreDeps = {
  now: () => Date.now(),
  every: everyInterval,
  mirrorCaps: DEFAULT_MIRROR_CAPS,
  pendingCaps: DEFAULT_PENDING_CAPS,
};

/** The key the why panel explains; `live` is false once it left the table (its last row stays). */
export interface Selection {
  row: LiveRow;
  live: boolean;
}

/**
 * The throttled keys of the open cluster: every page of `throttle.page` once, then the
 * `throttle.delta` events, mirrored in plain data (see LiveMirror). What views read is reactive
 * and small: the filtered, sorted list (refreshed on a timer, not per delta), the counters, the
 * blocking conditions, the rate series and the selection.
 */
export class ThrottleStore {
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  counters = $state.raw<ThrottleCounters>(emptyThrottleCounters());
  blocks = $state.raw<BlockRow[]>([]);
  keyTemplates = $state.raw<KeyTemplateRow[]>([]);
  /** The table's rows: filtered, sorted, frozen while paused. */
  visible = $state.raw<readonly LiveRow[]>([]);
  filter = $state.raw<ThrottleFilter>(NO_FILTER);
  order = $state<SortOrder>('expiry-asc');
  paused = $state(false);
  /** Rows added, changed or removed underneath the frozen list. */
  changesWhilePaused = $state(0);
  selection = $state.raw<Selection | null>(null);
  rate = $state.raw<RatePoints>({ times: [], values: [] });
  decisionsPerSec = $state(0);
  /** Reloads of the whole table after live updates were missed, and why the last one happened. */
  resyncs = $state(0);
  lastResyncReason = $state<string | null>(null);
  /** Rows and deltas let go by this page's own caps. */
  droppedRows = $state(0);
  droppedDeltas = $state(0);

  private readonly deps: ThrottleStoreDeps;
  private mirror: LiveMirror;
  private readonly pending: PendingDeltas;
  private readonly series = new RateSeries();
  private readonly blockRows = new KeyedRows<BlockRow>((row) => row.id);
  private readonly templateRows = new KeyedRows<KeyTemplateRow>((row) => row.template);
  private frozen: LiveRow[] | null = null;
  private dirty = false;
  /** Views showing the list; with none, the list is not kept current (the counters still are). */
  private watchers = 0;
  private readonly sequence = new DeltaSequence();
  private readonly schedule = new ReloadSchedule();

  constructor(
    private readonly client: ContractClient,
    deps: Partial<ThrottleStoreDeps> = {},
  ) {
    this.deps = { ...DEFAULT_DEPS, ...deps };
    this.mirror = new LiveMirror(this.deps.mirrorCaps);
    this.pending = new PendingDeltas(this.deps.pendingCaps);
  }

  connect(): () => void {
    const offEvents = this.client.onEvents((batch) => this.apply(batch));
    const offStatus = this.client.onStatus((status) => {
      if (status === 'open') void this.reload();
    });
    const stopTimer = this.deps.every(() => this.tick(), REFRESH_MS);
    return () => {
      offEvents();
      offStatus();
      stopTimer();
    };
  }

  /** Keys in the mirror, including any whose window just ended. */
  get mirrored(): number {
    return this.mirror.size;
  }

  /** Reads every page of a new snapshot; deltas arriving meanwhile are applied after it. */
  async reload(): Promise<void> {
    if (this.loading) {
      this.schedule.again(this.deps.now());
      return;
    }
    this.loading = true;
    const reason = this.schedule.start(this.deps.now());
    this.pending.clear();
    try {
      const result = await loadMirror(
        (request) => this.client.call('throttle.page', request),
        () => new LiveMirror(this.deps.mirrorCaps),
        this.deps.now,
      );
      if (!result.ok) {
        const why = result.message.replace(/\.$/, '');
        this.error = `The throttled keys could not be loaded: ${why}. Retrying in ${RETRY_MS / 1000} s.`;
        this.schedule.failed(this.deps.now(), reason);
        return;
      }
      this.error = null;
      if (reason !== null) {
        this.resyncs += 1;
        this.lastResyncReason = reason;
      }
      this.install(result.mirror, result.head);
      this.applyPending();
      if (!this.paused && this.watchers > 0) this.recompute();
    } finally {
      this.loading = false;
      this.droppedDeltas = this.pending.dropped;
    }
  }

  apply(batch: EventBatch): void {
    let missed: string | null =
      batch.dropped === 0
        ? null
        : `${batch.dropped} live ${batch.dropped === 1 ? 'update was' : 'updates were'} dropped between the core and this page`;
    for (const event of batch.events) {
      if (event.name !== 'throttle.delta') continue;
      const delta = event.payload;
      if (this.loading) {
        this.pending.push(delta);
        continue;
      }
      if (this.sequence.holds(delta)) continue;
      missed ??= this.sequence.check(delta);
      this.applyDelta(delta);
    }
    if (missed !== null) this.missed(missed);
  }

  /** The timer's work: close rate seconds, follow the table, run a reload that is due. */
  tick(): void {
    const now = this.deps.now();
    if (this.series.advance(now)) this.publishRate();
    if (this.dirty && !this.paused && this.watchers > 0) this.recompute();
    if (this.schedule.isDue(now) && !this.loading) void this.reload();
  }

  /** A view shows the list from now until the returned function is called. */
  watch(): () => void {
    this.watchers += 1;
    if (this.dirty && !this.paused) this.recompute();
    return () => {
      this.watchers -= 1;
    };
  }

  setFilter(patch: Partial<ThrottleFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.recompute();
  }

  clearFilter(): void {
    this.filter = NO_FILTER;
    this.recompute();
  }

  setOrder(order: SortOrder): void {
    this.order = order;
    this.recompute();
  }

  /** Freezes the list; the mirror keeps following the core underneath. */
  pause(): void {
    if (this.paused) return;
    this.frozen = Array.from(this.mirror.values());
    this.paused = true;
    this.changesWhilePaused = 0;
  }

  resume(): void {
    if (!this.paused) return;
    this.frozen = null;
    this.paused = false;
    this.changesWhilePaused = 0;
    this.recompute();
  }

  select(key: string | null): void {
    if (key === null) {
      this.selection = null;
      return;
    }
    const live = this.mirror.get(key);
    const row = live ?? this.visible.find((candidate) => candidate.key === key);
    this.selection = row ? { row, live: live !== undefined } : null;
  }

  private recompute(): void {
    const now = this.deps.now();
    const source = this.frozen ?? this.mirror.values();
    const hideEndedBefore = this.paused ? Number.NEGATIVE_INFINITY : now;
    this.visible = visibleRows(source, rowMatcher(this.filter), this.order, hideEndedBefore);
    this.dirty = false;
  }

  private install(mirror: LiveMirror, head: ThrottlePage): void {
    this.mirror = mirror;
    this.blockRows.replace(head.blocks);
    this.blocks = this.blockRows.list();
    this.templateRows.replace(head.keyTemplates);
    this.keyTemplates = this.templateRows.list();
    this.counters = head.counters;
    if (this.series.record(head.at, head.counters.decisions)) this.publishRate();
    this.sequence.reset(head.deltaSeq, head.at);
    this.loaded = true;
    this.droppedRows = this.mirror.dropped;
    if (this.selection) {
      const row = this.mirror.get(this.selection.row.key);
      this.selection = row ? { row, live: true } : { row: this.selection.row, live: false };
    }
    this.dirty = true;
  }

  /** Deltas buffered during the load, but those the snapshot holds already. */
  private applyPending(): void {
    const { deltas, overflowed } = this.pending.take();
    let missed: string | null = overflowed
      ? 'more live updates arrived while the table was loading than this page keeps'
      : null;
    for (const delta of deltas) {
      if (this.sequence.holds(delta)) continue;
      missed ??= this.sequence.check(delta);
      this.applyDelta(delta);
    }
    if (missed !== null) this.missed(missed);
  }

  private missed(reason: string): void {
    if (this.schedule.missed(reason, this.deps.now()) && !this.loading) void this.reload();
  }

  private applyDelta(delta: ThrottleDelta): void {
    const now = this.deps.now();
    const selectedKey = this.selection?.row.key;
    let changes = 0;
    for (const row of delta.upserts) {
      if (this.mirror.upsert(row, now)) changes += 1;
      if (row.key === selectedKey) this.selection = { row, live: true };
    }
    for (const key of delta.removals) {
      if (this.mirror.remove(key)) changes += 1;
      if (key === selectedKey && this.selection) this.selection = { row: this.selection.row, live: false };
    }
    if (this.blockRows.apply(delta.blocks.upserts, delta.blocks.removals)) this.blocks = this.blockRows.list();
    if (this.templateRows.apply(delta.keyTemplates.upserts, delta.keyTemplates.removals))
      this.keyTemplates = this.templateRows.list();
    this.counters = delta.counters;
    if (this.series.record(delta.at, delta.counters.decisions)) this.publishRate();
    if (changes > 0) {
      this.dirty = true;
      if (this.paused) this.changesWhilePaused += changes;
    }
    if (this.mirror.dropped !== this.droppedRows) this.droppedRows = this.mirror.dropped;
  }

  private publishRate(): void {
    this.rate = this.series.points();
    this.decisionsPerSec = this.series.latest;
  }
}
