import type { LiveRow } from '../../../../electron/core/throttle/delta-types';

export interface MirrorCaps {
  /** The core's live table holds at most 200,000 keys; the mirror never holds more. */
  maxRows: number;
  /** Estimated, not measured: rows are never serialized here just to be counted. */
  maxBytes: number;
}

export const DEFAULT_MIRROR_CAPS: MirrorCaps = { maxRows: 200_000, maxBytes: 256 * 1024 * 1024 };

// A full mirror looks for expired rows at most this often, not at every new key.
const EVICTION_SCAN_GAP_MS = 1_000;

/** About what a row costs in memory: its strings twice (UTF-16), its objects and arrays. */
export function estimateRowBytes(row: LiveRow): number {
  let bytes = 400 + 2 * row.key.length;
  for (const condition of row.conditions) bytes += 120 + 2 * condition.text.length;
  bytes += 40 * (row.reportedBy.length + row.disagreement.length);
  return bytes;
}

/**
 * The renderer's copy of the core's live table, kept in a plain Map: a deep reactive proxy over
 * 100,000 rows would cost more than the rows. Rows are replaced, never mutated, so a list of
 * them taken at one moment stays as it was.
 */
export class LiveMirror {
  private map = new Map<string, LiveRow>();
  private totalBytes = 0;
  private lastScan = Number.NEGATIVE_INFINITY;
  /** New keys refused because the mirror was full of rows still in their window. */
  dropped = 0;

  constructor(private readonly caps: MirrorCaps = DEFAULT_MIRROR_CAPS) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): LiveRow | undefined {
    return this.map.get(key);
  }

  values(): IterableIterator<LiveRow> {
    return this.map.values();
  }

  /** False when the row was refused by a cap. */
  upsert(row: LiveRow, now: number): boolean {
    const bytes = estimateRowBytes(row);
    const old = this.map.get(row.key);
    if (old) {
      this.totalBytes += bytes - estimateRowBytes(old);
      this.map.set(row.key, row);
      return true;
    }
    if (this.full(bytes) && !(this.evictExpired(now) && !this.full(bytes))) {
      this.dropped += 1;
      return false;
    }
    this.map.set(row.key, row);
    this.totalBytes += bytes;
    return true;
  }

  remove(key: string): boolean {
    const old = this.map.get(key);
    if (!old) return false;
    this.map.delete(key);
    this.totalBytes -= estimateRowBytes(old);
    return true;
  }

  private full(adding: number): boolean {
    return this.map.size >= this.caps.maxRows || this.totalBytes + adding > this.caps.maxBytes;
  }

  /** Lets rows whose window ended go (the core removes them too, a moment later). */
  private evictExpired(now: number): boolean {
    if (now - this.lastScan < EVICTION_SCAN_GAP_MS) return false;
    this.lastScan = now;
    let freed = false;
    for (const [key, row] of this.map) {
      if (row.expiryTimeStamp < now) {
        this.remove(key);
        freed = true;
      }
    }
    return freed;
  }
}
