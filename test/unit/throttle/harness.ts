import type { ChangeRecord } from '../../../electron/core/throttle/change-records';
import type { ThrottleDelta } from '../../../electron/core/throttle/delta-types';
import {
  createThrottlePipeline,
  type ThrottlePipeline,
  type ThrottlePipelineOptions,
} from '../../../electron/core/throttle/throttle-pipeline';
import { T0 } from './payloads';

/** A pipeline on an injected clock and a hand-run timer, with everything it emits collected. */
export interface Harness {
  pipeline: ThrottlePipeline;
  records: ChangeRecord[];
  deltas: ThrottleDelta[];
  now(): number;
  /** Moves the clock, ticks the pipeline, then runs a timer that came due. */
  advance(ms: number): void;
  /** Moves the clock only. */
  moveClock(ms: number): void;
  /** Whether a delta timer is waiting. */
  timerPending(): boolean;
}

export function harness(options: Partial<ThrottlePipelineOptions> = {}): Harness {
  let now = T0;
  let timer: { fn: () => void; at: number } | undefined;
  const pipeline = createThrottlePipeline({
    clock: () => now,
    schedule(fn, ms) {
      const mine = { fn, at: now + ms };
      timer = mine;
      return () => {
        if (timer === mine) timer = undefined;
      };
    },
    ...options,
  });
  const records: ChangeRecord[] = [];
  const deltas: ThrottleDelta[] = [];
  pipeline.onChange((record) => records.push(record));
  pipeline.onDelta((delta) => deltas.push(delta));
  return {
    pipeline,
    records,
    deltas,
    now: () => now,
    advance(ms) {
      now += ms;
      pipeline.tick(now);
      const due = timer;
      if (due && due.at <= now) {
        timer = undefined;
        due.fn();
      }
    },
    moveClock(ms) {
      now += ms;
    },
    timerPending: () => timer !== undefined,
  };
}

export function recordsOfType<T extends ChangeRecord['type']>(
  records: readonly ChangeRecord[],
  type: T,
): Extract<ChangeRecord, { type: T }>[] {
  return records.filter((r): r is Extract<ChangeRecord, { type: T }> => r.type === type);
}
