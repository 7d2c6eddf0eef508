// Decisions per second for the rate chart and the top bar, from the cumulative
// `counters.decisions` each delta carries. One point per wall-clock second, newest last, in a
// fixed ring (count and bytes bounded by `capacity`): older seconds fall off the chart's window.

export const RATE_POINTS = 300;

// A second is closed this long after it ended, so deltas stamped in it by the core (on the same
// machine, through a batch interval of 100 ms) are still counted in it.
const CLOSE_AFTER_MS = 1_500;

export interface RatePoints {
  /** Epoch seconds. */
  times: number[];
  values: number[];
}

export class RateSeries {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;
  private lastDecisions: number | null = null;
  private openSecond: number | null = null;
  private openCount = 0;

  constructor(readonly capacity = RATE_POINTS) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** The rate of the newest closed second; 0 before the first. */
  get latest(): number {
    return this.count === 0 ? 0 : (this.values[(this.start + this.count - 1) % this.capacity] ?? 0);
  }

  /**
   * Counts the decisions since the previous reading at `at`. A first reading, or a counter that
   * went back (another cluster was opened), only sets the baseline. True when a second closed.
   */
  record(at: number, decisions: number): boolean {
    const previous = this.lastDecisions;
    this.lastDecisions = decisions;
    if (previous === null || decisions < previous) return false;
    const closed = this.moveTo(Math.floor(at / 1000));
    this.openCount += decisions - previous;
    return closed;
  }

  /** Closes the seconds that ended a while ago, with 0 for those without decisions. */
  advance(now: number): boolean {
    return this.moveTo(Math.floor((now - CLOSE_AFTER_MS) / 1000));
  }

  points(): RatePoints {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const index = (this.start + i) % this.capacity;
      times.push(this.times[index] ?? 0);
      values.push(this.values[index] ?? 0);
    }
    return { times, values };
  }

  private moveTo(second: number): boolean {
    if (this.openSecond === null) {
      this.openSecond = second;
      return false;
    }
    if (second <= this.openSecond) return false;
    this.closeUntil(second);
    return true;
  }

  /** Closes the open second and the empty ones after it, up to (not including) `second`. */
  private closeUntil(second: number): void {
    const open = this.openSecond ?? second;
    // Past a whole window of silence, only the last `capacity` seconds can show.
    const from = Math.max(open, second - this.capacity);
    if (from === open) this.push(open, this.openCount);
    for (let s = Math.max(open + 1, from); s < second; s += 1) this.push(s, 0);
    this.openSecond = second;
    this.openCount = 0;
  }

  private push(second: number, value: number): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = second;
    this.values[index] = value;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }
}
