export interface QueueLimits {
  /** Tasks waiting or running. */
  maxPending: number;
  /** Sum of the sizes callers declared for waiting or running tasks. */
  maxPendingBytes: number;
}

export interface QueueStats {
  pending: number;
  pendingBytes: number;
  /** Tasks refused because a limit was reached. */
  dropped: number;
}

export type Queued<R> = { ok: true; value: R } | { ok: false; reason: string };

export interface SerialQueue {
  /** Runs `task` after every task queued before it; refuses it when a limit would be passed. */
  run<R>(bytes: number, task: () => Promise<R>): Promise<Queued<R>>;
  stats(): QueueStats;
}

/** One task at a time, in arrival order, with bounded waiting work and a count of refusals. */
export function createSerialQueue(limits: QueueLimits): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let pendingBytes = 0;
  let dropped = 0;
  return {
    run<R>(bytes: number, task: () => Promise<R>): Promise<Queued<R>> {
      if (pending >= limits.maxPending || pendingBytes + bytes > limits.maxPendingBytes) {
        dropped += 1;
        return Promise.resolve({
          ok: false,
          reason: `too much work is waiting (${pending} tasks, ${pendingBytes + bytes} bytes with this one; limits ${limits.maxPending} tasks, ${limits.maxPendingBytes} bytes)`,
        });
      }
      pending += 1;
      pendingBytes += bytes;
      const done = tail.then(task).finally(() => {
        pending -= 1;
        pendingBytes -= bytes;
      });
      // A failed task must not stop the ones behind it; its caller still sees the failure.
      tail = done.catch(() => undefined);
      return done.then((value) => ({ ok: true, value }));
    },
    stats: () => ({ pending, pendingBytes, dropped }),
  };
}
