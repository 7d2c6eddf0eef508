import type { EventBatch, EventEnvelope } from './contract';

export interface EventHubOptions {
  /** Pending events are delivered at most this often. */
  flushIntervalMs: number;
  /** Caps on what waits between flushes; the oldest events go first when either is hit. */
  maxPendingEvents: number;
  maxPendingBytes: number;
  schedule: (fn: () => void, ms: number) => () => void;
}

export const DEFAULT_EVENT_HUB_OPTIONS: EventHubOptions = {
  flushIntervalMs: 100,
  maxPendingEvents: 2_000,
  // Room for several throttle deltas (each capped near 512 KiB) between two flushes.
  maxPendingBytes: 4 * 1024 * 1024,
  schedule: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

interface Pending {
  envelope: EventEnvelope;
  bytes: number;
  /** Events with the same key replace each other (a link's latest state is all a UI needs). */
  key: string | undefined;
}

export interface EventHub {
  publish(envelope: EventEnvelope, coalesceKey?: string): void;
  subscribe(listener: (batch: EventBatch) => void): () => void;
  flush(): void;
  stats(): { delivered: number; dropped: number; pending: number };
  close(): void;
}

/** Collects core events and delivers them to every transport in bounded, timed batches. */
export function createEventHub(options: Partial<EventHubOptions> = {}): EventHub {
  const opts = { ...DEFAULT_EVENT_HUB_OPTIONS, ...options };
  const listeners = new Set<(batch: EventBatch) => void>();
  let pending: Pending[] = [];
  let pendingBytes = 0;
  let droppedSinceFlush = 0;
  let droppedTotal = 0;
  let delivered = 0;
  let seq = 0;
  let cancelTimer: (() => void) | undefined;

  function dropOldest(): void {
    const gone = pending.shift();
    if (!gone) return;
    pendingBytes -= gone.bytes;
    droppedSinceFlush += 1;
    droppedTotal += 1;
  }

  function flush(): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (pending.length === 0 && droppedSinceFlush === 0) return;
    seq += 1;
    const batch: EventBatch = { seq, events: pending.map((p) => p.envelope), dropped: droppedSinceFlush };
    delivered += pending.length;
    pending = [];
    pendingBytes = 0;
    droppedSinceFlush = 0;
    for (const listener of listeners) listener(batch);
  }

  return {
    publish(envelope, coalesceKey) {
      const bytes = JSON.stringify(envelope.payload).length;
      if (coalesceKey !== undefined) {
        const index = pending.findIndex((p) => p.key === coalesceKey);
        if (index >= 0) {
          const [old] = pending.splice(index, 1);
          if (old) pendingBytes -= old.bytes;
        }
      }
      pending.push({ envelope, bytes, key: coalesceKey });
      pendingBytes += bytes;
      while (pending.length > opts.maxPendingEvents || (pendingBytes > opts.maxPendingBytes && pending.length > 1)) {
        dropOldest();
      }
      cancelTimer ??= opts.schedule(flush, opts.flushIntervalMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    stats: () => ({ delivered, dropped: droppedTotal, pending: pending.length }),
    close() {
      cancelTimer?.();
      cancelTimer = undefined;
      listeners.clear();
      pending = [];
      pendingBytes = 0;
    },
  };
}
