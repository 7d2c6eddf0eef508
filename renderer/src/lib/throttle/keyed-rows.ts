/**
 * A small table of rows by identity (blocking conditions, key templates), changed by a delta's
 * upserts and removals. Plain data: the store publishes `list()` when something changed. The
 * core caps these tables; a delta can only replace or remove what a snapshot or delta brought.
 */
export class KeyedRows<T> {
  private readonly rows = new Map<string, T>();

  constructor(private readonly idOf: (row: T) => string) {}

  replace(rows: readonly T[]): void {
    this.rows.clear();
    for (const row of rows) this.rows.set(this.idOf(row), row);
  }

  /** True when the delta changed anything. */
  apply(upserts: readonly T[], removals: readonly string[]): boolean {
    for (const row of upserts) this.rows.set(this.idOf(row), row);
    for (const id of removals) this.rows.delete(id);
    return upserts.length > 0 || removals.length > 0;
  }

  list(): T[] {
    return [...this.rows.values()];
  }
}
