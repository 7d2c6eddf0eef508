import type { CallResponse } from '../host/contract';
import { POLICY_EXPORT_MAX_BYTES, type CatalogSummary } from '../host/policy-contract';
import { currentRevision, type CatalogEntry } from './catalog-file';
import type { PolicyCatalog } from './policy-catalog';
import { diffAgainstTms } from './policy-diff';
import { exportFileName, exportText, importCandidates } from './policy-files';
import { acceptPolicy } from './policy-input';
import { describeKey } from './policy-key';
import type { PolicyKind } from './policy-validator';
import { deployChange, keyOfPolicy, nameOfPolicy } from './push-planner';
import { buildSyncMatrix } from './sync-matrix';
import type { TmReports } from './tm-reports';

// The catalog calls of the contract: list, get, save, delete, import, export, diff and the sync
// matrix. Saving validates (errors with JSON paths) and numbers revisions above anything a
// traffic manager reports for the key, or at its revision when it already runs this content.

export interface CatalogServiceDeps {
  catalog: PolicyCatalog;
  reports: TmReports;
  user: string;
  newId: () => string;
}

export interface CatalogService {
  list(): Promise<CallResponse<'policies.list'>>;
  get(key: string, revision?: number): Promise<CallResponse<'policies.get'>>;
  save(body: unknown, kind?: PolicyKind): Promise<CallResponse<'policies.save'>>;
  remove(key: string): Promise<CallResponse<'policies.delete'>>;
  importFiles(files: readonly { name: string; text: string }[]): Promise<CallResponse<'policies.import'>>;
  exportFiles(keys: readonly string[]): Promise<CallResponse<'policies.export'>>;
  diff(key: string): Promise<CallResponse<'policies.diff'>>;
  matrix(): Promise<CallResponse<'policies.syncMatrix'>>;
}

export function summarize(entry: CatalogEntry): CatalogSummary {
  const current = currentRevision(entry);
  return {
    key: entry.key,
    kind: entry.kind,
    name: entry.name,
    revision: current.revision,
    digest: current.digest,
    savedAt: current.savedAt,
    savedBy: current.savedBy,
    note: current.note,
    lastRevision: entry.lastRevision,
    deployed: entry.deployed,
    revisions: entry.revisions.length,
    droppedRevisions: entry.droppedRevisions,
  };
}

export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  const { catalog, reports } = deps;

  async function save(body: unknown, kind?: PolicyKind): Promise<CallResponse<'policies.save'>> {
    const accepted = acceptPolicy(body, kind, deps.newId);
    if (!accepted.ok) return { ok: false, errors: accepted.errors, warnings: [] };
    const key = keyOfPolicy(accepted.valid);
    const digest = deployChange(accepted.valid, 1).digest ?? '';
    const reported = reports.reportedFor(key);
    const same = reported.find((r) => r.digest === digest);
    const saved = await catalog.save({
      kind: accepted.valid.kind,
      name: nameOfPolicy(accepted.valid),
      body: accepted.valid.policy,
      digest,
      by: deps.user,
      floor: same ? same.revision - 1 : Math.max(0, ...reported.map((r) => r.revision)),
    });
    if (!saved.ok) return saved;
    return {
      ok: true,
      entry: summarize(saved.value.entry),
      unchanged: saved.value.unchanged,
      warnings: saved.warnings,
    };
  }

  return {
    async list() {
      const { entries, warnings } = await catalog.list();
      return { entries: entries.map(summarize), warnings };
    },

    async get(key, revision) {
      const got = await catalog.get(key);
      if (!got.ok) return got;
      const entry = got.value;
      const chosen =
        revision === undefined ? currentRevision(entry) : entry.revisions.find((r) => r.revision === revision);
      if (!chosen) {
        const kept = entry.revisions.map((r) => r.revision).join(', ');
        return {
          ok: false,
          errors: [
            { path: 'revision', message: `revision ${revision} of ${describeKey(key)} is not kept (kept: ${kept})` },
          ],
          warnings: got.warnings,
        };
      }
      return {
        ok: true,
        entry: summarize(entry),
        revision: chosen.revision,
        body: chosen.body,
        history: entry.revisions.map(({ revision: r, digest, savedAt, savedBy, note }) => ({
          revision: r,
          digest,
          savedAt,
          savedBy,
          note,
        })),
        warnings: got.warnings,
      };
    },

    save,

    async remove(key) {
      const removed = await catalog.remove(key);
      if (!removed.ok) return removed;
      const warnings = [...removed.warnings];
      if (removed.value.deployed)
        warnings.push({
          path: key,
          message: `${describeKey(key)} is still deployed on the traffic managers (revision ${removed.value.deployed.revision}): undeploy it to remove it there.`,
        });
      return { ok: true, errors: [], warnings };
    },

    async importFiles(files) {
      const results: CallResponse<'policies.import'>['results'] = [];
      const warnings: CallResponse<'policies.import'>['warnings'] = [];
      for (const file of files) {
        const parsed = importCandidates(file.text);
        if (!parsed.ok) {
          results.push({
            ok: false,
            file: file.name,
            index: null,
            errors: [{ path: '(root)', message: parsed.error }],
          });
          continue;
        }
        for (const { index, body } of parsed.candidates) {
          const saved = await save(body);
          warnings.push(...saved.warnings);
          results.push(
            saved.ok
              ? {
                  ok: true,
                  file: file.name,
                  index,
                  key: saved.entry.key,
                  revision: saved.entry.revision,
                  unchanged: saved.unchanged,
                }
              : { ok: false, file: file.name, index, errors: saved.errors },
          );
        }
      }
      return { results, warnings: warnings.slice(0, 50) };
    },

    async exportFiles(keys) {
      const { entries } = await catalog.list();
      const chosen = keys.length === 0 ? entries : entries.filter((e) => keys.includes(e.key));
      const missing = keys.filter((key) => !entries.some((e) => e.key === key));
      const files: { fileName: string; text: string }[] = [];
      let bytes = 0;
      for (const entry of chosen) {
        const text = exportText(currentRevision(entry).body);
        bytes += text.length;
        if (bytes > POLICY_EXPORT_MAX_BYTES) break;
        files.push({ fileName: exportFileName(entry.kind, entry.name), text });
      }
      return { files, missing, truncated: chosen.length - files.length };
    },

    async diff(key) {
      const got = await catalog.get(key);
      if (!got.ok) return got;
      const current = currentRevision(got.value);
      return {
        ok: true,
        key,
        local: { revision: current.revision, digest: current.digest },
        tms: diffAgainstTms(got.value, reports.all()),
        warnings: got.warnings,
      };
    },

    async matrix() {
      const { entries } = await catalog.list();
      const { malformed, dropped, lastProblem } = reports.tracker.stats();
      return {
        ...buildSyncMatrix(entries, reports.all()),
        problems: { malformed, dropped, lastProblem: lastProblem?.slice(0, 4_000) ?? null },
      };
    },
  };
}
