import type { ThrottleDelta } from '../../../../electron/core/throttle/delta-types';
import { estimateRowBytes } from './live-mirror';

export interface PendingCaps {
  maxDeltas: number;
  maxBytes: number;
}

/** A minute of deltas at the core's ten per second, or 64 MiB of rows, whichever comes first. */
export const DEFAULT_PENDING_CAPS: PendingCaps = { maxDeltas: 600, maxBytes: 64 * 1024 * 1024 };

function deltaBytes(delta: ThrottleDelta): number {
  let bytes = 1_000;
  for (const row of delta.upserts) bytes += estimateRowBytes(row);
  for (const key of delta.removals) bytes += 40 + 2 * key.length;
  return bytes;
}

/**
 * Deltas that arrive while the table's pages are being read, applied once they are all in.
 * Past a cap they are all let go (a gap in incremental deltas makes the rest useless) and the
 * table must be read again.
 */
export class PendingDeltas {
  private deltas: ThrottleDelta[] = [];
  private bytes = 0;
  private overflowed = false;
  /** Deltas let go by the caps since the page opened. */
  dropped = 0;

  constructor(private readonly caps: PendingCaps = DEFAULT_PENDING_CAPS) {}

  push(delta: ThrottleDelta): void {
    if (this.overflowed) {
      this.dropped += 1;
      return;
    }
    const bytes = deltaBytes(delta);
    if (this.deltas.length >= this.caps.maxDeltas || this.bytes + bytes > this.caps.maxBytes) {
      this.dropped += this.deltas.length + 1;
      this.deltas = [];
      this.bytes = 0;
      this.overflowed = true;
      return;
    }
    this.deltas.push(delta);
    this.bytes += bytes;
  }

  /** The deltas kept, oldest first, and whether some were let go; empties the buffer. */
  take(): { deltas: ThrottleDelta[]; overflowed: boolean } {
    const taken = { deltas: this.deltas, overflowed: this.overflowed };
    this.clear();
    return taken;
  }

  clear(): void {
    this.deltas = [];
    this.bytes = 0;
    this.overflowed = false;
  }
}
