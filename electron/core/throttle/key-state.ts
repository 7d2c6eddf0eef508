import type { KeyInfo, KeyLevel, KeyParts, ThrottleCondition } from './message-types';

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
  /** Earlier versions, oldest first, one number each (see `packVersion`). */
  previous: number[];
}

export const NO_CONDITIONS: readonly ThrottleCondition[] = [];

/** A key seen for the first time, before its first version is applied (settled: nothing to announce). */
export function newKeyState(key: string, info: KeyInfo, at: number): KeyState {
  return {
    key,
    level: info.level,
    parts: info.parts,
    isThrottled: false,
    expiry: -1,
    conditions: NO_CONDITIONS,
    conditionsRaw: undefined,
    reportedMask: 0,
    expectedMask: 0,
    firstArrival: at,
    lastArrival: at,
    firstSeen: at,
    lastChange: at,
    missingMask: 0,
    oppositeMask: 0,
    settled: true,
    graceDeadline: 0,
    queued: false,
    live: false,
    gone: false,
    dirty: false,
    previous: [],
  };
}

/** An earlier version as one number: its expiry when throttled, -(expiry + 1) when not. */
export function packVersion(isThrottled: boolean, expiry: number): number {
  return isThrottled ? expiry : -expiry - 1;
}

/** Keeps the current version among the earlier ones, at most `keep` of them. */
export function rememberVersion(state: KeyState, keep: number): void {
  if (keep <= 0) return;
  if (state.previous.length >= keep) state.previous.shift();
  state.previous.push(packVersion(state.isThrottled, state.expiry));
}

/**
 * Whether a report matches a kept earlier version, i.e. is a late confirmation of it (rather
 * than older than what is kept, or a version that never was).
 */
export function isEarlierVersion(state: KeyState, isThrottled: boolean, expiry: number): boolean {
  return state.previous.includes(packVersion(isThrottled, expiry));
}
