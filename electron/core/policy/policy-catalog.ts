import { join } from 'node:path';
import { createAtomicJsonFile, type Change, type StorageWarning } from '../storage/atomic-json-file';
import type { StorageFs } from '../storage/storage-fs';
import {
  CATALOG_FILE_NAME,
  CatalogFileSchema,
  currentRevision,
  EMPTY_CATALOG,
  MAX_ENTRIES,
  MAX_HISTORY,
  MAX_RETIRED,
  type CatalogEntry,
  type CatalogFile,
  type Deployed,
} from './catalog-file';
import type { PolicyIssue } from './human-issue';
import { describeKey, policyKey } from './policy-key';
import type { PolicyKind } from './policy-validator';

// The local catalog: policies with monotonic revisions, digests and history, kept in the user
// data folder through the atomic JSON file (backup, damaged files set aside and reported).
// Revisions only go up per key, across deletes, so a traffic manager never sees one reused.

export type CatalogResult<T> =
  { ok: true; value: T; warnings: StorageWarning[] } | { ok: false; errors: PolicyIssue[]; warnings: StorageWarning[] };

export interface SaveInput {
  kind: PolicyKind;
  name: string;
  /** Already validated by the caller. */
  body: unknown;
  digest: string;
  by: string;
  note?: string;
  /** A revision some traffic manager already runs for this key: the new one goes above it. */
  floor?: number;
  /** A new revision even when the content is unchanged (renumbering above what TMs hold). */
  force?: boolean;
}

export interface PolicyCatalog {
  readonly path: string;
  list(): Promise<{ entries: CatalogEntry[]; warnings: StorageWarning[] }>;
  get(key: string): Promise<CatalogResult<CatalogEntry>>;
  save(input: SaveInput): Promise<CatalogResult<{ entry: CatalogEntry; unchanged: boolean }>>;
  remove(key: string): Promise<CatalogResult<CatalogEntry>>;
  recordDeployed(key: string, deployed: Deployed): Promise<CatalogResult<CatalogEntry>>;
  /**
   * The key was removed from the TMs at `revision`: nothing deployed, and that revision is used.
   * A key the catalog does not hold is remembered with the deleted ones (the value is then null).
   */
  recordUndeployed(key: string, revision: number): Promise<CatalogResult<CatalogEntry | null>>;
  /**
   * A traffic manager holds `key` at `revision`, above what this catalog knew (another console
   * pushed it, or a push of ours was applied unanswered): the next push goes above it. Nothing
   * else changes.
   */
  recordUsed(key: string, revision: number): Promise<CatalogResult<CatalogEntry | null>>;
  /** The highest revision ever used for a key (deleted ones too); 0 when none. */
  lastRevision(key: string): Promise<number>;
}

export interface CatalogOptions {
  /** The user data folder; the catalog keeps `policies.json` (and its backup) there. */
  dir: string;
  clock: () => number;
  fs?: StorageFs;
}

type Decision<T> = { errors: PolicyIssue[] } | { next: CatalogFile; value: T };

const missing = (key: string): { errors: PolicyIssue[] } => ({
  errors: [{ path: '(root)', message: `there is no ${describeKey(key)} in the catalog` }],
});

function withEntry(file: CatalogFile, entry: CatalogEntry): CatalogFile {
  const index = file.entries.findIndex((e) => e.key === entry.key);
  const entries = [...file.entries];
  if (index >= 0) entries[index] = entry;
  else entries.push(entry);
  return { ...file, entries };
}

function saveInto(
  file: CatalogFile,
  input: SaveInput,
  at: number,
): Decision<{ entry: CatalogEntry; unchanged: boolean }> {
  const key = policyKey(input.kind, input.name);
  const existing = file.entries.find((e) => e.key === key);
  if (existing && !input.force && currentRevision(existing).digest === input.digest)
    return { next: file, value: { entry: existing, unchanged: true } };
  if (!existing && file.entries.length >= MAX_ENTRIES)
    return {
      errors: [{ path: '(root)', message: `the catalog holds ${MAX_ENTRIES} entries already; delete one first` }],
    };
  const revision = Math.max(existing?.lastRevision ?? 0, file.retired[key] ?? 0, input.floor ?? 0) + 1;
  const saved = {
    revision,
    digest: input.digest,
    body: input.body,
    savedAt: at,
    savedBy: input.by,
    note: input.note ?? null,
  };
  const history = [...(existing?.revisions ?? []), saved];
  const dropped = Math.max(0, history.length - MAX_HISTORY);
  const entry: CatalogEntry = {
    key,
    kind: input.kind,
    name: input.name,
    revisions: history.slice(dropped),
    lastRevision: revision,
    deployed: existing?.deployed ?? null,
    droppedRevisions: (existing?.droppedRevisions ?? 0) + dropped,
  };
  const retired = Object.fromEntries(Object.entries(file.retired).filter(([k]) => k !== key));
  return { next: { ...withEntry(file, entry), retired }, value: { entry, unchanged: false } };
}

/** `retired` with `key` at `revision`, as its newest retirement. */
function retire(retired: CatalogFile['retired'], key: string, revision: number): CatalogFile['retired'] {
  // Oldest retirements go first; insertion order is the order of deletion.
  const all = [...Object.entries(retired).filter(([k]) => k !== key), [key, revision] as const];
  return Object.fromEntries(all.slice(Math.max(0, all.length - MAX_RETIRED)));
}

function removeFrom(file: CatalogFile, key: string): Decision<CatalogEntry> {
  const entry = file.entries.find((e) => e.key === key);
  if (!entry) return missing(key);
  const retired = retire(file.retired, key, entry.lastRevision);
  return { next: { ...file, entries: file.entries.filter((e) => e !== entry), retired }, value: entry };
}

/** A revision used for a key the catalog does not hold (a removal, another console's push). */
function retireRemoved(file: CatalogFile, key: string, revision: number): Decision<null> {
  const retired = retire(file.retired, key, Math.max(file.retired[key] ?? 0, revision));
  return { next: { ...file, retired }, value: null };
}

function patchEntry(
  file: CatalogFile,
  key: string,
  patch: (entry: CatalogEntry) => CatalogEntry,
): Decision<CatalogEntry> {
  const entry = file.entries.find((e) => e.key === key);
  if (!entry) return missing(key);
  const next = patch(entry);
  return { next: withEntry(file, next), value: next };
}

export function createPolicyCatalog(options: CatalogOptions): PolicyCatalog {
  const file = createAtomicJsonFile({
    path: join(options.dir, CATALOG_FILE_NAME),
    schema: CatalogFileSchema,
    fallback: () => EMPTY_CATALOG,
    clock: options.clock,
    ...(options.fs ? { fs: options.fs } : {}),
  });

  async function change<T>(decide: (current: CatalogFile) => Decision<T>): Promise<CatalogResult<T>> {
    const updated = await file.update((current): Change<CatalogFile, Decision<T>> => {
      const decision = decide(current);
      return 'next' in decision && decision.next !== current
        ? { next: decision.next, result: decision }
        : { result: decision };
    });
    if (!updated.ok)
      return { ok: false, errors: [{ path: '(root)', message: updated.error }], warnings: updated.warnings };
    const decision = updated.result;
    return 'errors' in decision
      ? { ok: false, errors: decision.errors, warnings: updated.warnings }
      : { ok: true, value: decision.value, warnings: updated.warnings };
  }

  return {
    path: file.path,
    async list() {
      const read = await file.read();
      return { entries: read.value.entries, warnings: read.warnings };
    },
    async get(key) {
      const read = await file.read();
      const entry = read.value.entries.find((e) => e.key === key);
      return entry
        ? { ok: true, value: entry, warnings: read.warnings }
        : { ok: false, ...missing(key), warnings: read.warnings };
    },
    save: (input) => change((current) => saveInto(current, input, options.clock())),
    remove: (key) => change((current) => removeFrom(current, key)),
    recordDeployed: (key, deployed) =>
      change((current) =>
        patchEntry(current, key, (entry) => ({
          ...entry,
          deployed,
          lastRevision: Math.max(entry.lastRevision, deployed.revision),
        })),
      ),
    recordUndeployed: (key, revision) =>
      change((current): Decision<CatalogEntry | null> =>
        current.entries.some((e) => e.key === key)
          ? patchEntry(current, key, (entry) => ({
              ...entry,
              deployed: null,
              lastRevision: Math.max(entry.lastRevision, revision),
            }))
          : retireRemoved(current, key, revision),
      ),
    recordUsed: (key, revision) =>
      change((current): Decision<CatalogEntry | null> =>
        current.entries.some((e) => e.key === key)
          ? patchEntry(current, key, (entry) => ({ ...entry, lastRevision: Math.max(entry.lastRevision, revision) }))
          : retireRemoved(current, key, revision),
      ),
    async lastRevision(key) {
      const { value } = await file.read();
      return value.entries.find((e) => e.key === key)?.lastRevision ?? value.retired[key] ?? 0;
    },
  };
}
