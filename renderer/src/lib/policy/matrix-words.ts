import type { CallResponse } from '../../../../electron/core/host/contract';
import type { Tone } from '../tone';

// The sync matrix in words. Colour only says state: in sync is good, a TM that should have the
// policy and does not is a warning, the same revision with other content is bad, and what the
// console cannot know is neutral.

export type SyncMatrix = CallResponse<'policies.syncMatrix'>;
export type MatrixRow = SyncMatrix['rows'][number];
export type MatrixCell = MatrixRow['cells'][number];
export type CellStatus = MatrixCell['status'];

export const CELL_WORDS: Record<CellStatus, string> = {
  'in-sync': 'in sync',
  behind: 'behind',
  ahead: 'ahead',
  different: 'different',
  missing: 'missing',
  unknown: 'no state',
};

/** A cell's tone: missing is only a warning for a policy that was deployed. */
export function cellTone(cell: MatrixCell, row: MatrixRow): Tone {
  switch (cell.status) {
    case 'in-sync':
      return 'ok';
    case 'behind':
    case 'ahead':
      return 'warn';
    case 'different':
      return 'bad';
    case 'missing':
      return row.local === null || row.local.deployedRevision !== null ? 'warn' : 'neutral';
    case 'unknown':
      return 'neutral';
  }
}

/** What a cell means, in a sentence (its tooltip and accessible name). */
export function cellSentence(cell: MatrixCell, row: MatrixRow, tm: string): string {
  const local = row.local ? `revision ${row.local.revision}` : 'no local copy';
  const runs = cell.revision === null ? '' : `runs revision ${cell.revision}`;
  switch (cell.status) {
    case 'in-sync':
      return `${tm} ${runs}, the same content as the catalog.`;
    case 'behind':
      return `${tm} ${runs}, older than the catalog's ${local}.`;
    case 'ahead':
      return row.local
        ? `${tm} ${runs}, newer than the catalog's ${local}.`
        : `${tm} ${runs}; the catalog has no copy of it.`;
    case 'different':
      return `${tm} ${runs} with content other than the catalog's.`;
    case 'missing':
      return row.local?.deployedRevision === null
        ? `${tm} does not have it; it was never pushed from here.`
        : `${tm} does not have it.`;
    case 'unknown':
      return `${tm} has reported no current state (not connected or not heard from).`;
  }
}

/** The row's state across the cluster: "in sync on 2/2", "1 of 2 in sync", "not deployed". */
export function rowSummary(row: MatrixRow): { text: string; tone: Tone } {
  const total = row.cells.length;
  const synced = row.cells.filter((c) => c.status === 'in-sync').length;
  if (total === 0) return { text: 'no traffic managers', tone: 'neutral' };
  if (row.inSync) return { text: `in sync ${synced}/${total}`, tone: 'ok' };
  if (synced === 0 && row.cells.every((c) => c.status === 'missing' || c.status === 'unknown'))
    return row.local?.deployedRevision === null
      ? { text: 'not deployed', tone: 'neutral' }
      : { text: `missing on ${total - synced}/${total}`, tone: 'warn' };
  const worst = row.cells.some((c) => c.status === 'different') ? 'bad' : 'warn';
  return { text: `in sync ${synced}/${total}`, tone: worst };
}
