import type { CallResult } from '../../../../electron/core/host/call-result';
import type { ThrottlePage } from '../../../../electron/core/host/throttle-contract';
import type { LiveRow } from '../../../../electron/core/throttle/delta-types';

export const PAGE_LIMIT = 5_000;

// A snapshot expires in the core if its pages are read too slowly; the reading starts over on a
// new one, but not forever.
const MAX_RESTARTS = 3;

export type PageCall = (request: {
  snapshotId?: string;
  cursor: number;
  limit: number;
}) => Promise<CallResult<ThrottlePage>>;

/** A whole snapshot: every page's rows, with the first page's tables and counters. */
export interface LoadedSnapshot {
  at: number;
  rows: LiveRow[];
  head: ThrottlePage;
}

export type LoadResult = { ok: true; snapshot: LoadedSnapshot } | { ok: false; message: string };

/** Reads every page of one snapshot of the live table. */
export async function loadAllPages(call: PageCall): Promise<LoadResult> {
  let restarts = 0;
  let head: ThrottlePage | undefined;
  let rows: LiveRow[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const request =
      head === undefined ? { cursor, limit: PAGE_LIMIT } : { snapshotId: head.snapshotId, cursor, limit: PAGE_LIMIT };
    const result = await call(request);
    if (!result.ok) return { ok: false, message: result.error.message };
    const page = result.value;
    if (head !== undefined && page.snapshotId !== head.snapshotId) {
      // The core started a new snapshot from its first row: so do we.
      restarts += 1;
      if (restarts > MAX_RESTARTS)
        return { ok: false, message: `the table changed snapshot ${restarts} times while it was being read` };
      head = undefined;
      rows = [];
    }
    head ??= page;
    for (const row of page.rows) rows.push(row);
    cursor = page.nextCursor;
  }
  if (head === undefined) return { ok: false, message: 'the core sent no page' };
  return { ok: true, snapshot: { at: head.at, rows, head } };
}
