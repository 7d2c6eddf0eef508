/**
 * The most recent items, bounded by count and by (estimated) bytes; the oldest go first and are
 * counted as dropped. An item bigger than the whole byte cap is dropped on arrival.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private readonly sizes: number[];
  private head = 0;
  private count = 0;
  private byteCount = 0;
  private droppedCount = 0;

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes: number,
    private readonly sizeOf: (item: T) => number,
  ) {
    if (!Number.isInteger(maxCount) || maxCount < 1) throw new RangeError('maxCount must be a whole number ≥ 1');
    this.items = new Array<T | undefined>(maxCount).fill(undefined);
    this.sizes = new Array<number>(maxCount).fill(0);
  }

  push(item: T): void {
    const size = this.sizeOf(item);
    if (size > this.maxBytes) {
      this.droppedCount += 1;
      return;
    }
    while (this.count === this.maxCount || this.byteCount + size > this.maxBytes) this.dropOldest();
    const slot = (this.head + this.count) % this.maxCount;
    this.items[slot] = item;
    this.sizes[slot] = size;
    this.count += 1;
    this.byteCount += size;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const item = this.items[(this.head + i) % this.maxCount];
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  get length(): number {
    return this.count;
  }

  get bytes(): number {
    return this.byteCount;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  private dropOldest(): void {
    this.byteCount -= this.sizes[this.head] ?? 0;
    this.items[this.head] = undefined;
    this.sizes[this.head] = 0;
    this.head = (this.head + 1) % this.maxCount;
    this.count -= 1;
    this.droppedCount += 1;
  }
}
