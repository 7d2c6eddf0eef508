import type { KeyLevel, KeyParts, ThrottleCondition } from './message-types';

/**
 * Everything the merge knows about one throttle key: its current version (state + expiry), who
 * reported it and when, and the last few versions so late reports still count. Mutable on
 * purpose: the merge runs per message and must not allocate per message.
 */
export interface KeyState {
  readonly key: string;
  readonly level: KeyLevel;
  readonly parts: KeyParts;
  isThrottled: boolean;
  expiry: number;
  conditions: readonly ThrottleCondition[];
  /** The Base64 the conditions came from, so an unchanged group is not decoded again. */
  conditionsRaw: string | undefined;
  /** Brokers (bits) that reported the current version. */
  reportedMask: number;
  /** Brokers expected to report it: connected when the version started, plus its first reporter. */
  expectedMask: number;
  firstArrival: number;
  lastArrival: number;
  /** When the key last entered the live table. */
  firstSeen: number;
  /** When the current version started. */
  lastChange: number;
  /** Connected brokers that did not report the current version within the grace window. */
  missingMask: number;
  /** Brokers that reported the opposite state for the same window. */
  oppositeMask: number;
  /** The version's change record has gone out (all expected brokers reported, or grace ran out). */
  settled: boolean;
  graceDeadline: number;
  queued: boolean;
  /** In the live table: throttled and not expired. */
  live: boolean;
  /** Removed from the merge (expired or evicted); stale heap and queue entries skip it. */
  gone: boolean;
  /** Waiting in the delta batcher. */
  dirty: boolean;
  /** Earlier versions, oldest first, as pairs [expiry, packed state and reporters]. */
  previous: number[];
}

const STATE_BIT = 2 ** 32;

/** One number per earlier version: the reporters' mask in the low 32 bits, the state above. */
export function packVersion(isThrottled: boolean, mask: number): number {
  return (mask >>> 0) + (isThrottled ? STATE_BIT : 0);
}

export function unpackState(packed: number): boolean {
  return packed >= STATE_BIT;
}

export function unpackMask(packed: number): number {
  return (packed % STATE_BIT) | 0;
}

/** Keeps the current version among the earlier ones, at most `keep` of them. */
export function rememberVersion(state: KeyState, keep: number): void {
  if (keep <= 0) return;
  const previous = state.previous;
  if (previous.length >= 2 * keep) previous.splice(0, 2);
  previous.push(state.expiry, packVersion(state.isThrottled, state.reportedMask));
}

/**
 * A report of an earlier version counts as a late confirmation of it. Returns false when no kept
 * version matches (the report is older than what is kept, or never was a version here).
 */
export function confirmEarlier(state: KeyState, isThrottled: boolean, expiry: number, bit: number): boolean {
  const previous = state.previous;
  for (let i = previous.length - 2; i >= 0; i -= 2) {
    const packed = previous[i + 1] ?? 0;
    if (previous[i] === expiry && unpackState(packed) === isThrottled) {
      previous[i + 1] = packVersion(isThrottled, unpackMask(packed) | bit);
      return true;
    }
  }
  return false;
}
