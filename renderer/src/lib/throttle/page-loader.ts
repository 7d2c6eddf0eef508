import type { CallResult } from '../../../../electron/core/host/call-result';
import type { ThrottlePage } from '../../../../electron/core/host/throttle-contract';
import type { LiveRow } from '../../../../electron/core/throttle/delta-types';
import type { LiveMirror } from './live-mirror';

// Small pages: each one is parsed and stored in one task of the page, so reading 100,000 rows
// never holds the main thread for more than a few milliseconds at a time.
export const PAGE_LIMIT = 1_000;

// A snapshot expires in the core if its pages are read too slowly; the reading starts over on a
// new one, but not forever.
const MAX_RESTARTS = 3;

export type PageCall = (request: {
  snapshotId?: string;
  cursor: number;
  limit: number;
}) => Promise<CallResult<ThrottlePage>>;

/** Where the rows of a snapshot go, page by page; `start` again means "forget those, a new snapshot begins". */
export interface PageSink {
  start(): void;
  add(rows: readonly LiveRow[]): void;
}

/** The first page of the snapshot read: its time, tables and counters (rows went to the sink). */
export type LoadResult = { ok: true; head: ThrottlePage } | { ok: false; message: string };

/** Reads every page of one snapshot of the live table into `sink`. */
export async function loadAllPages(call: PageCall, sink: PageSink): Promise<LoadResult> {
  let restarts = 0;
  let head: ThrottlePage | undefined;
  let cursor: number | null = 0;
  while (cursor !== null) {
    const request: Parameters<PageCall>[0] =
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
    }
    if (head === undefined) {
      head = page;
      sink.start();
    }
    sink.add(page.rows);
    cursor = page.nextCursor;
  }
  if (head === undefined) return { ok: false, message: 'the core sent no page' };
  return { ok: true, head };
}

/** A snapshot read into a new mirror: the table keeps showing the old one until the last page is in. */
export async function loadMirror(
  call: PageCall,
  newMirror: () => LiveMirror,
  now: () => number,
): Promise<{ ok: true; mirror: LiveMirror; head: ThrottlePage } | { ok: false; message: string }> {
  let mirror = newMirror();
  const result = await loadAllPages(call, {
    start: () => {
      mirror = newMirror();
    },
    add: (rows) => {
      const at = now();
      for (const row of rows) mirror.upsert(row, at);
    },
  });
  return result.ok ? { ok: true, mirror, head: result.head } : result;
}
