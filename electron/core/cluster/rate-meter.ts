const BUCKET_MS = 100;
const BUCKETS = 10;

/** Counts and bytes per second over the last second, in ten 100 ms buckets: O(1) per mark. */
export class RateMeter {
  private readonly counts = new Float64Array(BUCKETS);
  private readonly bytes = new Float64Array(BUCKETS);
  private head = 0;
  private headStart = 0;

  mark(byteCount: number, now: number): void {
    this.advance(now);
    this.counts[this.head] = (this.counts[this.head] ?? 0) + 1;
    this.bytes[this.head] = (this.bytes[this.head] ?? 0) + byteCount;
  }

  /** Messages and bytes per second over the last full second before `now`. */
  rate(now: number): { perSec: number; bytesPerSec: number } {
    this.advance(now);
    let count = 0;
    let bytes = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      count += this.counts[i] ?? 0;
      bytes += this.bytes[i] ?? 0;
    }
    return { perSec: count, bytesPerSec: bytes };
  }

  private advance(now: number): void {
    const start = now - (now % BUCKET_MS);
    if (start === this.headStart) return;
    const steps = Math.min(BUCKETS, Math.max(0, (start - this.headStart) / BUCKET_MS));
    for (let i = 0; i < steps; i += 1) {
      this.head = (this.head + 1) % BUCKETS;
      this.counts[this.head] = 0;
      this.bytes[this.head] = 0;
    }
    this.headStart = start;
  }
}
