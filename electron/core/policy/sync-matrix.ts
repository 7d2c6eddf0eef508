import { currentRevision, type CatalogEntry } from './catalog-file';
import { parsePolicyKey, reportedEntry, reportedKeys, type ReportedEntry } from './policy-key';
import type { PolicyKind } from './policy-validator';
import type { TrackedState } from './tm-state-tracker';

// Policy × traffic manager: what each TM reports it runs against the local revision. Rows are
// the catalog's entries, then what TMs run that the catalog does not know (compared with the
// newest revision any TM reports).

export type CellStatus = 'in-sync' | 'behind' | 'ahead' | 'different' | 'missing' | 'unknown';

export interface BrokerReport {
  brokerId: string;
  /** The state of the TM behind the broker; undefined when none has been received. */
  tracked: TrackedState | undefined;
}

export interface MatrixTm {
  brokerId: string;
  tmId: string | null;
  live: boolean;
  phase: 'syncing' | 'serving' | null;
  reportedAt: number | null;
}

export interface MatrixCell {
  brokerId: string;
  revision: number | null;
  digest: string | null;
  status: CellStatus;
}

export interface MatrixRow {
  key: string;
  kind: PolicyKind;
  name: string;
  /** The catalog's current revision; null for what only TMs run. */
  local: { revision: number; digest: string; deployedRevision: number | null } | null;
  cells: MatrixCell[];
  /** Every TM runs the reference revision with the same content. */
  inSync: boolean;
}

export interface SyncMatrix {
  tms: MatrixTm[];
  rows: MatrixRow[];
  /** Rows left out by the cap. */
  truncated: number;
}

export function cellStatus(
  reference: ReportedEntry | undefined,
  reported: ReportedEntry | undefined,
  live: boolean,
): CellStatus {
  if (!live) return 'unknown';
  if (!reported) return 'missing';
  if (!reference) return 'ahead';
  if (reported.revision < reference.revision) return 'behind';
  if (reported.revision > reference.revision) return 'ahead';
  return reported.digest === reference.digest ? 'in-sync' : 'different';
}

function row(key: string, local: CatalogEntry | undefined, reports: readonly BrokerReport[]): MatrixRow | undefined {
  const parsed = parsePolicyKey(key);
  if (!parsed) return undefined;
  const seen = reports.map((r) => ({ report: r, entry: r.tracked ? reportedEntry(r.tracked.state, key) : undefined }));
  const current = local ? currentRevision(local) : undefined;
  const newest = seen
    .map((s) => s.entry)
    .filter((e): e is ReportedEntry => e !== undefined)
    .sort((a, b) => b.revision - a.revision)[0];
  const reference = current ? { revision: current.revision, digest: current.digest } : newest;
  const cells = seen.map(({ report, entry }) => ({
    brokerId: report.brokerId,
    revision: entry?.revision ?? null,
    digest: entry?.digest ?? null,
    status: cellStatus(reference, entry, report.tracked?.live === true),
  }));
  return {
    key,
    kind: parsed.kind,
    name: parsed.name,
    local: current
      ? { revision: current.revision, digest: current.digest, deployedRevision: local?.deployed?.revision ?? null }
      : null,
    cells,
    inSync: cells.every((cell) => cell.status === 'in-sync'),
  };
}

export function buildSyncMatrix(
  entries: readonly CatalogEntry[],
  reports: readonly BrokerReport[],
  maxRows = 1_000,
): SyncMatrix {
  const keys = [...entries.map((e) => e.key)];
  const known = new Set(keys);
  for (const report of reports) {
    for (const key of report.tracked ? reportedKeys(report.tracked.state) : []) {
      if (!known.has(key)) {
        known.add(key);
        keys.push(key);
      }
    }
  }
  const rows = keys
    .slice(0, maxRows)
    .map((key) =>
      row(
        key,
        entries.find((e) => e.key === key),
        reports,
      ),
    )
    .filter((r): r is MatrixRow => r !== undefined);
  return {
    tms: reports.map(({ brokerId, tracked }) => ({
      brokerId,
      tmId: tracked?.tmId ?? null,
      live: tracked?.live === true,
      phase: tracked?.state.phase ?? null,
      reportedAt: tracked?.receivedAt ?? null,
    })),
    rows,
    truncated: Math.max(0, keys.length - maxRows),
  };
}
