import type { HistoryChange, HistoryEntry } from './delta-types';

const CHANGES: readonly HistoryChange[] = ['throttled', 'unthrottled', 'expired', 'evicted'];
const CHANGE_CODE: Record<HistoryChange, number> = { throttled: 0, unthrottled: 1, expired: 2, evicted: 3 };

/** Estimated bytes of an entry: its key (two bytes a character) plus the fixed fields. */
function historyEntryBytes(key: string): number {
  return 2 * key.length + 64;
}

/**
 * The recent changes of the live table: a ring with a count cap and a byte cap, the oldest going
 * first and counted as dropped. Kept in preallocated columns rather than one object per change:
 * a change happens per decision, and the ring's objects would live just long enough to burden
 * the garbage collector.
 */
export class HistoryLog {
  private readonly ats: Float64Array;
  private readonly expiries: Float64Array;
  private readonly changes: Uint8Array;
  private readonly keys: (string | undefined)[];
  private head = 0;
  private count = 0;
  private byteCount = 0;
  private droppedCount = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a whole number ≥ 1');
    this.ats = new Float64Array(maxEntries);
    this.expiries = new Float64Array(maxEntries);
    this.changes = new Uint8Array(maxEntries);
    this.keys = new Array<string | undefined>(maxEntries).fill(undefined);
  }

  push(at: number, key: string, change: HistoryChange, expiryTimeStamp: number): void {
    const bytes = historyEntryBytes(key);
    if (bytes > this.maxBytes) {
      this.droppedCount += 1;
      return;
    }
    while (this.count === this.maxEntries || this.byteCount + bytes > this.maxBytes) this.dropOldest();
    const slot = (this.head + this.count) % this.maxEntries;
    this.ats[slot] = at;
    this.expiries[slot] = expiryTimeStamp;
    this.changes[slot] = CHANGE_CODE[change];
    this.keys[slot] = key;
    this.count += 1;
    this.byteCount += bytes;
  }

  /** Oldest first. */
  entries(): HistoryEntry[] {
    const out: HistoryEntry[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const slot = (this.head + i) % this.maxEntries;
      out.push({
        at: this.ats[slot] ?? 0,
        key: this.keys[slot] ?? '',
        change: CHANGES[this.changes[slot] ?? 0] ?? 'throttled',
        expiryTimeStamp: this.expiries[slot] ?? 0,
      });
    }
    return out;
  }

  get length(): number {
    return this.count;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  private dropOldest(): void {
    this.byteCount -= historyEntryBytes(this.keys[this.head] ?? '');
    this.keys[this.head] = undefined;
    this.head = (this.head + 1) % this.maxEntries;
    this.count -= 1;
    this.droppedCount += 1;
  }
}
