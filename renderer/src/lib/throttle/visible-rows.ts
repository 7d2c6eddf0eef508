import type { LiveRow } from '../../../../electron/core/throttle/delta-types';

export type SortOrder = 'expiry-asc' | 'expiry-desc' | 'change-desc';

export const SORT_ORDERS: readonly { order: SortOrder; label: string }[] = [
  { order: 'expiry-asc', label: 'Ending first' },
  { order: 'expiry-desc', label: 'Ending last' },
  { order: 'change-desc', label: 'Newest first' },
];

// Rows are sorted through one Float64Array of "sort value × 2^18 + position": a typed-array sort
// of numbers is several times faster than sorting objects with a comparator, and 100,000 rows
// are sorted a few times a second. Positions stay below 2^18 (the mirror holds at most 200,000
// rows) and sort values (milliseconds from the smallest) below 2^34, about six months, so every
// packed value is an exact integer. Equal values keep the mirror's order.
const POSITION_BITS = 2 ** 18;
const MAX_SORT_VALUE = 2 ** 34 - 1;

/**
 * The rows a table shows: those matching `match`, in `order`. Rows whose window ended before
 * `hideEndedBefore` are left out (the core removes them a moment later).
 */
export function visibleRows(
  rows: Iterable<LiveRow>,
  match: (row: LiveRow) => boolean,
  order: SortOrder,
  hideEndedBefore: number,
): LiveRow[] {
  const picked: LiveRow[] = [];
  let minExpiry = Number.POSITIVE_INFINITY;
  let maxChange = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    if (row.expiryTimeStamp < hideEndedBefore || !match(row)) continue;
    if (picked.length === POSITION_BITS) break;
    picked.push(row);
    if (row.expiryTimeStamp < minExpiry) minExpiry = row.expiryTimeStamp;
    if (row.lastChange > maxChange) maxChange = row.lastChange;
  }
  const packed = new Float64Array(picked.length);
  for (let i = 0; i < picked.length; i += 1) {
    const row = picked[i] as LiveRow;
    const value = order === 'change-desc' ? maxChange - row.lastChange : row.expiryTimeStamp - minExpiry;
    packed[i] = Math.min(MAX_SORT_VALUE, Math.round(value)) * POSITION_BITS + i;
  }
  packed.sort();
  const sorted = new Array<LiveRow>(picked.length);
  const last = picked.length - 1;
  for (let i = 0; i < picked.length; i += 1) {
    const row = picked[(packed[i] as number) % POSITION_BITS] as LiveRow;
    sorted[order === 'expiry-desc' ? last - i : i] = row;
  }
  return sorted;
}
