import { blockedBy, type CompiledBlock } from './blocking-match';
import { matchesAll } from './condition-match';
import { emptyPolicies, type CompiledLimit, type CompiledPolicies } from './compiled-policies';
import type { EvaluableRequest } from './request-event';
import { windowAt } from './time-window';

// The traffic manager's evaluation, pure: no I/O, time passed in. Counts each request against
// every policy it is eligible for, in fixed wall-clock windows, and reports a decision only when
// a key's state changes (throttled ↔ not).

export interface Decision {
  throttleKey: string;
  isThrottled: boolean;
  expiryTimeStamp: number;
  evaluatedConditions?: string;
}

export interface Outcome {
  /** Set when a blocking condition matched: the request was not counted. */
  blockedBy?: string;
  decisions: Decision[];
}

export interface EngineLimits {
  maxKeys: number;
  maxKeyBytes: number;
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = { maxKeys: 100_000, maxKeyBytes: 32 * 1024 * 1024 };

interface Counter {
  windowEnd: number;
  count: number;
  throttled: boolean;
}

export interface EngineStats {
  keys: number;
  keyBytes: number;
  throttledKeys: number;
  /** Keys not counted because the counter map was full of live windows. */
  keysDropped: number;
}

// Rough per-entry cost: the key's UTF-16 text plus the counter object and map slot.
const ENTRY_OVERHEAD = 64;
const entryBytes = (key: string): number => key.length * 2 + ENTRY_OVERHEAD;

export class ThrottleEngine {
  private policies: CompiledPolicies = emptyPolicies();
  private blocks: CompiledBlock[] = [];
  private readonly counters = new Map<string, Counter>();
  private keyBytes = 0;
  private keysDropped = 0;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly limits: EngineLimits = DEFAULT_ENGINE_LIMITS) {}

  setPolicies(policies: CompiledPolicies): void {
    this.policies = policies;
  }

  setBlocks(blocks: CompiledBlock[]): void {
    this.blocks = blocks;
  }

  evaluate(request: EvaluableRequest, now: number): Outcome {
    const block = blockedBy(this.blocks, request);
    if (block) return { blockedBy: block.conditionId, decisions: [] };
    const { event } = request;
    const decisions: Decision[] = [];
    const count = (key: string, limit: CompiledLimit, conditions?: string): void => {
      const decision = this.count(key, limit, request, now);
      if (!decision) return;
      if (conditions !== undefined) decision.evaluatedConditions = conditions;
      decisions.push(decision);
    };

    const advanced = this.policies.advanced.get(event.resourceTier);
    if (advanced) {
      // Each group is its own pipeline: a request counts toward every group it matches, and
      // toward the default limit only when it matches none.
      const matched = advanced.groups.filter((group) => matchesAll(group.conditions, request));
      for (const group of matched)
        count(`${event.resourceKey}_condition_${group.id}`, group.limit, group.evaluatedConditions);
      if (matched.length === 0) count(`${event.resourceKey}_default`, advanced.defaultLimit);
    }
    const subscription = this.policies.subscription.get(event.subscriptionTier);
    if (subscription) count(event.subscriptionKey, subscription);
    const application = this.policies.application.get(event.appTier);
    if (application) count(event.appKey, application);
    return { decisions };
  }

  /**
   * Forgets a key's count. Answers an un-throttle decision when the key was throttled, for the
   * same window as the throttle it lifts: an earlier expiry would read as an older, stale report.
   */
  reset(throttleKey: string): Decision | undefined {
    const counter = this.counters.get(throttleKey);
    if (!counter) return undefined;
    this.forget(throttleKey);
    return counter.throttled ? { throttleKey, isThrottled: false, expiryTimeStamp: counter.windowEnd } : undefined;
  }

  stats(): EngineStats {
    let throttledKeys = 0;
    for (const counter of this.counters.values()) if (counter.throttled) throttledKeys += 1;
    return { keys: this.counters.size, keyBytes: this.keyBytes, throttledKeys, keysDropped: this.keysDropped };
  }

  private count(key: string, limit: CompiledLimit, request: EvaluableRequest, now: number): Decision | undefined {
    const window = windowAt(now, limit.unit, limit.unitTime);
    let counter = this.counters.get(key);
    if (!counter) {
      if (!this.admit(key, now)) return undefined;
      counter = { windowEnd: window.end, count: 0, throttled: false };
      this.counters.set(key, counter);
    } else if (counter.windowEnd !== window.end) {
      // A new window (or a changed limit): the count starts over, the state carries on so the
      // first request of the window reports the un-throttle.
      counter.windowEnd = window.end;
      counter.count = 0;
    }
    counter.count += limit.measure === 'bytes' ? request.messageSize : 1;
    const throttled = counter.count >= limit.amount;
    if (throttled === counter.throttled) return undefined;
    counter.throttled = throttled;
    return { throttleKey: key, isThrottled: throttled, expiryTimeStamp: window.end };
  }

  /** Makes room for a new key, dropping ended windows first; false when the map stays full. */
  private admit(key: string, now: number): boolean {
    const fits = (): boolean =>
      this.counters.size < this.limits.maxKeys && this.keyBytes + entryBytes(key) <= this.limits.maxKeyBytes;
    if (!fits() && now - this.lastSweep >= 1_000) {
      this.lastSweep = now;
      // An ended window's key is expired at the gateways too, so forgetting it changes nothing.
      for (const [other, counter] of this.counters) if (counter.windowEnd <= now) this.forget(other);
    }
    if (!fits()) {
      this.keysDropped += 1;
      return false;
    }
    this.keyBytes += entryBytes(key);
    return true;
  }

  private forget(key: string): void {
    if (this.counters.delete(key)) this.keyBytes -= entryBytes(key);
  }
}
