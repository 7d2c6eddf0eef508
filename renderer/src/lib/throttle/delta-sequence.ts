import type { ThrottleDelta } from '../../../../electron/core/throttle/delta-types';

/** Follows the numbers of the deltas applied, and says when one cannot follow the last. */
export class DeltaSequence {
  private last: number | null = null;
  private snapshot: { seq: number; at: number } | null = null;

  /** After a snapshot taken at `at` that holds every delta up to `through`: the next one must be through + 1. */
  reset(through: number, at: number): void {
    this.last = through;
    this.snapshot = { seq: through, at };
  }

  /**
   * Whether the last snapshot holds `delta` already. The host answers a page at once but sends
   * deltas in its next batch, so one sent before the snapshot was taken can arrive after its
   * pages. A new stream's deltas (another cluster opened) are newer than the snapshot: not these.
   */
  holds(delta: ThrottleDelta): boolean {
    return this.snapshot !== null && delta.seq <= this.snapshot.seq && delta.at <= this.snapshot.at;
  }

  /** Why `delta` does not follow the last one (the table must be read again), or null. */
  check(delta: ThrottleDelta): string | null {
    const expected = this.last === null ? null : this.last + 1;
    this.last = delta.seq;
    if (delta.resync) return 'the core let changes go under load and asked for a fresh copy';
    if (expected === null || delta.seq === expected) return null;
    if (delta.seq < expected) return 'the core started a new stream of updates (another cluster was opened)';
    return delta.seq === expected + 1
      ? `live update ${expected} never arrived`
      : `live updates ${expected}–${delta.seq - 1} never arrived`;
  }
}
