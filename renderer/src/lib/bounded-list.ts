/** A list's caps: it never holds more than `count` items or about `bytes` of their JSON. */
export interface ListCaps {
  count: number;
  bytes: number;
}

export interface KeptList<T> {
  kept: T[];
  dropped: number;
}

export const jsonSize = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

/** The leading items of a newest-first list that fit both caps, and how many fell off the end. */
export function keepLeading<T>(
  items: readonly T[],
  caps: ListCaps,
  sizeOf: (item: T) => number = jsonSize,
): KeptList<T> {
  let bytes = 0;
  let count = 0;
  for (const item of items) {
    bytes += sizeOf(item);
    if (count >= caps.count || bytes > caps.bytes) break;
    count += 1;
  }
  return { kept: items.slice(0, count), dropped: items.length - count };
}
