import type { DisagreementKind } from './change-records';
import type { HistoryChange } from './delta-types';
import { ExpiryHeap } from './expiry-heap';
import { GraceQueue } from './grace-queue';
import { isEarlierVersion, newKeyState, NO_CONDITIONS, rememberVersion, type KeyState } from './key-state';
import { KEY_LEVELS, type DecisionMessage, type KeyInfo, type KeyLevel, type ThrottleCondition } from './message-types';

export interface MergeOptions {
  /** How long a connected broker has to report a version the others reported. */
  graceMs: number;
  /** Keys held (live and recently unthrottled); past it the soonest to expire goes first. */
  maxKeys: number;
  /** Earlier versions kept per key, so a lagging broker's reports still count as confirmations. */
  versionsKept: number;
}

export const DEFAULT_MERGE_OPTIONS: MergeOptions = { graceMs: 2_000, maxKeys: 200_000, versionsKept: 16 };

/** What the merge needs from, and tells to, the pipeline around it. */
export interface MergeHooks {
  classify(key: string): KeyInfo;
  conditions(raw: string): readonly ThrottleCondition[];
  /** A live row was added, changed or removed (read `state.live` / `state.gone`). */
  rowChanged(state: KeyState): void;
  /** The current version is settled: its one change record goes out now. */
  settled(state: KeyState): void;
  disagreement(state: KeyState, bit: number, kind: DisagreementKind, resolved: boolean, at: number): void;
  history(state: KeyState, change: HistoryChange, at: number): void;
}

export type MergeOutcome = 'applied' | 'confirmed' | 'late' | 'stale' | 'duplicate' | 'opposite' | 'expired';

/**
 * Merges the decision streams of all traffic managers into one state per key.
 *
 * Per key the newest window (expiry) wins, so a broker whose stream lags can never set a key back;
 * its reports of earlier versions count as late confirmations. The same version from several
 * brokers is one entry with the set of reporters. A connected broker that does not report a
 * version within the grace window, or reports the opposite state for the same window, is flagged.
 */
export class DecisionMerge {
  readonly counters = {
    decisions: 0,
    confirmations: 0,
    lateConfirmations: 0,
    stale: 0,
    duplicates: 0,
    expiredOnArrival: 0,
    disagreeingKeys: 0,
    live: 0,
    droppedKeys: 0,
    droppedGraceChecks: 0,
    unreadableConditions: 0,
  };
  readonly byLevel = Object.fromEntries(KEY_LEVELS.map((level) => [level, 0])) as Record<KeyLevel, number>;
  private readonly states = new Map<string, KeyState>();
  private readonly heap = new ExpiryHeap<KeyState>();
  private readonly grace = new GraceQueue();
  private connectedMask = 0;

  constructor(
    private readonly options: MergeOptions,
    private readonly hooks: MergeHooks,
  ) {}

  get size(): number {
    return this.states.size;
  }

  get(key: string): KeyState | undefined {
    return this.states.get(key);
  }

  *liveStates(): IterableIterator<KeyState> {
    for (const state of this.states.values()) if (state.live) yield state;
  }

  /** Brokers currently connected: only they are expected to report. */
  setConnected(mask: number): void {
    this.connectedMask = mask;
  }

  /** Applies one report. Keeps no reference to `message` (the pipeline reuses it). */
  apply(bit: number, message: DecisionMessage, at: number): MergeOutcome {
    const state = this.states.get(message.key);
    if (state !== undefined) return this.applyTo(state, bit, message, at);
    // A window already over changes nothing a gateway would do.
    if (message.expiryTimeStamp < at) {
      this.counters.expiredOnArrival += 1;
      return 'expired';
    }
    this.startVersion(this.create(message.key, at), bit, message, at);
    return 'applied';
  }

  /** As `apply`, for a caller that already found the key's state (`message.key` is not read). */
  applyTo(state: KeyState, bit: number, message: DecisionMessage, at: number): MergeOutcome {
    const { isThrottled, expiryTimeStamp: expiry } = message;
    if (expiry === state.expiry && isThrottled === state.isThrottled) return this.confirm(state, bit, at);
    if (expiry > state.expiry) {
      this.startVersion(state, bit, message, at);
      return 'applied';
    }
    // The same broker's stream is ordered: from a broker that reported the current version this is
    // its newer word on the same window (a counter reset, say), not a disagreement.
    if (expiry === state.expiry && state.reportedMask & bit) {
      this.startVersion(state, bit, message, at);
      return 'applied';
    }
    if (isEarlierVersion(state, isThrottled, expiry)) {
      this.counters.lateConfirmations += 1;
      return 'late';
    }
    if (expiry < state.expiry) {
      this.counters.stale += 1;
      return 'stale';
    }
    if (!(state.oppositeMask & bit)) {
      this.setFlags(state, state.missingMask & ~bit, state.oppositeMask | bit);
      this.hooks.disagreement(state, bit, 'opposite', false, at);
      if (state.live) this.hooks.rowChanged(state);
    }
    return 'opposite';
  }

  /** Ends windows (expiry < now) and grace periods (deadline ≤ now). */
  tick(now: number): void {
    while (this.heap.peekExpiry() < now) {
      const expiry = this.heap.peekExpiry();
      const state = this.heap.pop();
      if (state && !state.gone && state.expiry === expiry) this.remove(state, 'expired', now);
    }
    for (let state = this.grace.due(now); state; state = this.grace.due(now)) {
      if (state.gone || state.settled) continue;
      if (state.graceDeadline > now) {
        this.grace.push(state, state.graceDeadline);
        continue;
      }
      const missing = state.expectedMask & this.connectedMask & ~state.reportedMask & ~state.missingMask;
      if (missing) {
        this.setFlags(state, state.missingMask | missing, state.oppositeMask);
        for (let bit = missing & -missing, rest = missing; rest; rest &= ~bit, bit = rest & -rest) {
          this.hooks.disagreement(state, bit, 'missing', false, now);
        }
        if (state.live) this.hooks.rowChanged(state);
      }
      this.settle(state);
    }
  }

  private confirm(state: KeyState, bit: number, at: number): MergeOutcome {
    if (state.reportedMask & bit) {
      this.counters.duplicates += 1;
      return 'duplicate';
    }
    this.counters.confirmations += 1;
    state.reportedMask |= bit;
    state.lastArrival = at;
    if ((state.missingMask | state.oppositeMask) & bit) {
      const wasMissing = (state.missingMask & bit) !== 0;
      this.setFlags(state, state.missingMask & ~bit, state.oppositeMask & ~bit);
      if (wasMissing) this.hooks.disagreement(state, bit, 'missing', true, at);
    }
    if (!state.settled && (state.expectedMask & ~state.reportedMask) === 0) this.settle(state);
    if (state.live) this.hooks.rowChanged(state);
    return 'confirmed';
  }

  private create(key: string, at: number): KeyState {
    if (this.states.size >= this.options.maxKeys) this.evictOne(at);
    const state = newKeyState(key, this.hooks.classify(key), at);
    this.states.set(key, state);
    return state;
  }

  private startVersion(state: KeyState, bit: number, message: DecisionMessage, at: number): void {
    if (!state.settled) this.settle(state);
    if (state.expiry >= 0) rememberVersion(state, this.options.versionsKept);
    this.counters.decisions += 1;
    const expiryChanged = message.expiryTimeStamp !== state.expiry;
    state.isThrottled = message.isThrottled;
    state.expiry = message.expiryTimeStamp;
    const raw = message.evaluatedConditions;
    if (raw !== state.conditionsRaw) {
      state.conditionsRaw = raw;
      state.conditions = raw === undefined ? NO_CONDITIONS : this.hooks.conditions(raw);
      if (state.conditions[0]?.kind === 'unreadable') this.counters.unreadableConditions += 1;
    }
    state.reportedMask = bit;
    state.expectedMask = this.connectedMask | bit;
    state.firstArrival = at;
    state.lastArrival = at;
    state.lastChange = at;
    this.setFlags(state, 0, 0);
    state.settled = false;
    if (expiryChanged) this.pushExpiry(state);

    const wasLive = state.live;
    const live = state.isThrottled && state.expiry >= at;
    if (live !== wasLive) {
      if (live) state.firstSeen = at;
      this.setLive(state, live);
    }
    if (live || wasLive) this.hooks.rowChanged(state);
    this.hooks.history(state, state.isThrottled ? 'throttled' : 'unthrottled', at);

    if ((state.expectedMask & ~bit) === 0) {
      this.settle(state);
    } else {
      state.graceDeadline = at + this.options.graceMs;
      // Bounded like the table: past the cap the oldest wait ends now, unchecked, and is counted.
      if (!state.queued && this.grace.size >= this.options.maxKeys) this.dropOldestGrace();
      this.grace.push(state, state.graceDeadline);
    }
  }

  private pushExpiry(state: KeyState): void {
    this.heap.push(state.expiry, state);
    // Entries for earlier windows pile up as windows roll forward; rebuild when they dominate.
    if (this.heap.size > 2 * this.states.size + 1024) {
      this.heap.reset([...this.states.values()].map((s): [number, KeyState] => [s.expiry, s]));
    }
  }

  private dropOldestGrace(): void {
    const state = this.grace.due(Infinity);
    if (state && !state.gone && !state.settled) {
      this.counters.droppedGraceChecks += 1;
      this.settle(state);
    }
  }

  private settle(state: KeyState): void {
    state.settled = true;
    this.hooks.settled(state);
  }

  private remove(state: KeyState, change: HistoryChange, at: number): void {
    this.states.delete(state.key);
    state.gone = true;
    if (!state.settled) this.settle(state);
    this.setFlags(state, 0, 0);
    if (state.live) {
      this.setLive(state, false);
      this.hooks.rowChanged(state);
      this.hooks.history(state, change, at);
    }
    if (change === 'evicted') this.counters.droppedKeys += 1;
  }

  /** Makes room for one key: an expired one if any, else the one that expires soonest. */
  private evictOne(at: number): void {
    while (this.heap.size > 0) {
      const expiry = this.heap.peekExpiry();
      const state = this.heap.pop();
      if (state && !state.gone && state.expiry === expiry) {
        this.remove(state, expiry < at ? 'expired' : 'evicted', at);
        return;
      }
    }
  }

  private setLive(state: KeyState, live: boolean): void {
    state.live = live;
    const delta = live ? 1 : -1;
    this.counters.live += delta;
    this.byLevel[state.level] += delta;
  }

  private setFlags(state: KeyState, missing: number, opposite: number): void {
    const before = (state.missingMask | state.oppositeMask) !== 0;
    state.missingMask = missing;
    state.oppositeMask = opposite;
    const after = (missing | opposite) !== 0;
    if (before !== after) this.counters.disagreeingKeys += after ? 1 : -1;
  }
}
