import { currentRevision, type CatalogEntry } from './catalog-file';
import { diffJson, type FieldChange } from './json-diff';
import { reportedEntry } from './policy-key';
import { cellStatus, type BrokerReport, type CellStatus } from './sync-matrix';

// What a push of the local revision would change on each traffic manager, field by field. A TM
// reports only revisions and digests, so its fields are known when its digest is one the
// catalog's history holds; otherwise the diff says so instead of guessing.

export interface TmDiff {
  brokerId: string;
  tmId: string | null;
  revision: number | null;
  digest: string | null;
  status: CellStatus;
  /** From what the TM runs to the local revision. */
  changes: FieldChange[];
  more: number;
  note: string;
}

const short = (digest: string): string => digest.slice(0, 8);

export function diffAgainstTms(entry: CatalogEntry, reports: readonly BrokerReport[], limit = 200): TmDiff[] {
  const local = currentRevision(entry);
  return reports.map(({ brokerId, tracked }) => {
    const reported = tracked ? reportedEntry(tracked.state, entry.key) : undefined;
    const status = cellStatus(local, reported, tracked?.live === true);
    const base = {
      brokerId,
      tmId: tracked?.tmId ?? null,
      revision: reported?.revision ?? null,
      digest: reported?.digest ?? null,
      status,
    };
    const whole = (note: string): TmDiff => ({ ...base, ...diffJson(undefined, local.body, limit), note });
    if (status === 'unknown')
      return { ...base, changes: [], more: 0, note: 'no current state from this traffic manager' };
    if (!reported) return whole(`not deployed there: a push adds revision ${local.revision}`);
    if (status === 'in-sync')
      return { ...base, changes: [], more: 0, note: `runs revision ${local.revision}, the same content` };
    const known = entry.revisions.find((r) => r.digest === reported.digest);
    if (!known) {
      return {
        ...base,
        changes: [],
        more: 0,
        note: `runs revision ${reported.revision} (digest ${short(reported.digest)}…), which is not in the local history: its fields cannot be compared`,
      };
    }
    const diff = diffJson(known.body, local.body, limit);
    const count = diff.changes.length + diff.more;
    const fields = count === 1 ? '1 field differs' : `${count} fields differ`;
    return { ...base, ...diff, note: `runs revision ${reported.revision}; ${fields} from revision ${local.revision}` };
  });
}
