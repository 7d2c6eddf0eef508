import type { BrokerDraft } from './profile-draft';

/** The list with the row at `index` moved `by` places (−1 up, +1 down); unchanged at an edge. */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  const row = rows[index];
  if (row === undefined || target < 0 || target >= rows.length) return [...rows];
  const next = rows.filter((_, i) => i !== index);
  next.splice(target, 0, row);
  return next;
}

/** A new last row with the first free "tmN" id and a matching label. */
export function newBrokerRow(rows: readonly BrokerDraft[], key: number): BrokerDraft {
  const taken = new Set(rows.map((row) => row.id.trim()));
  let n = rows.length + 1;
  while (taken.has(`tm${n}`)) n += 1;
  return { key, id: `tm${n}`, label: `Traffic manager ${n}`, url: '', tlsServerName: '' };
}
