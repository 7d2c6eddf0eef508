/**
 * A binary min-heap of (expiry, item), soonest first. Entries are never updated in place: the
 * owner pushes a new entry when an item's expiry changes and skips stale ones when popping.
 */
export class ExpiryHeap<T> {
  private expiries: number[] = [];
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(expiry: number, item: T): void {
    const expiries = this.expiries;
    const items = this.items;
    let i = items.length;
    expiries.push(expiry);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentExpiry = expiries[parent] ?? 0;
      if (parentExpiry <= expiry) break;
      expiries[i] = parentExpiry;
      items[i] = items[parent] as T;
      i = parent;
    }
    expiries[i] = expiry;
    items[i] = item;
  }

  /** The soonest expiry, or Infinity when empty. */
  peekExpiry(): number {
    return this.expiries.length > 0 ? (this.expiries[0] ?? Infinity) : Infinity;
  }

  /** Removes the soonest entry and returns its item. */
  pop(): T | undefined {
    const items = this.items;
    const expiries = this.expiries;
    if (items.length === 0) return undefined;
    const top = items[0];
    const lastItem = items.pop() as T;
    const lastExpiry = expiries.pop() ?? 0;
    const size = items.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && (expiries[right] ?? 0) < (expiries[left] ?? 0) ? right : left;
        const childExpiry = expiries[child] ?? 0;
        if (childExpiry >= lastExpiry) break;
        expiries[i] = childExpiry;
        items[i] = items[child] as T;
        i = child;
      }
      expiries[i] = lastExpiry;
      items[i] = lastItem;
    }
    return top;
  }

  /** Rebuilds from scratch, dropping stale entries. */
  reset(entries: Iterable<[number, T]>): void {
    this.expiries = [];
    this.items = [];
    for (const [expiry, item] of entries) this.push(expiry, item);
  }
}
