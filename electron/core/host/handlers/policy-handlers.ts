import { auditCsv, auditJson } from '../../policy/audit-export';
import type { AuditLog } from '../../policy/audit-log';
import type { CatalogService } from '../../policy/catalog-service';
import { policyKey } from '../../policy/policy-key';
import type { PolicyService, PushStart } from '../../policy/policy-service';
import type { CallHandlers } from '../contract';
import { POLICY_EXPORT_MAX_BYTES, type PushStartResult } from '../policy-contract';

export interface PolicyHandlerDeps {
  pushes: PolicyService;
  /** Absent on hosts that keep no user data (then catalog and audit calls say so). */
  catalog: CatalogService | undefined;
  audit: AuditLog | undefined;
  clock: () => number;
}

type PolicyCalls = Pick<
  CallHandlers,
  | 'policies.list'
  | 'policies.get'
  | 'policies.save'
  | 'policies.delete'
  | 'policies.import'
  | 'policies.export'
  | 'policies.diff'
  | 'policies.push'
  | 'policies.undeploy'
  | 'policies.pushStatus'
  | 'policies.syncMatrix'
  | 'blocks.add'
  | 'blocks.remove'
  | 'counters.reset'
  | 'audit.read'
  | 'audit.export'
>;

const NO_CATALOG = 'this host keeps no policy catalog';
const NO_AUDIT = 'this host keeps no audit log';
const noCatalog = { ok: false as const, errors: [{ path: '(root)', message: NO_CATALOG }], warnings: [] };
/** An export's records, newest first; older ones beyond this are left out and counted. */
const MAX_EXPORT_RECORDS = 20_000;

function startResult(start: PushStart): PushStartResult {
  return start.started
    ? { started: true, pushId: start.pushId, message: start.message, errors: [] }
    : { started: false, pushId: null, message: start.message, errors: start.errors };
}

export function policyHandlers(deps: PolicyHandlerDeps): PolicyCalls {
  const { pushes, catalog, audit } = deps;
  return {
    'policies.list': async () => (catalog ? catalog.list() : { entries: [], warnings: [] }),
    'policies.get': async ({ key, revision }) => (catalog ? catalog.get(key, revision) : noCatalog),
    'policies.save': async ({ body, kind }) => (catalog ? catalog.save(body, kind) : noCatalog),
    'policies.delete': async ({ key }) => (catalog ? catalog.remove(key) : noCatalog),
    'policies.import': async ({ files }) =>
      catalog
        ? catalog.importFiles(files)
        : {
            results: files.map((file) => ({
              ok: false as const,
              file: file.name,
              index: null,
              errors: [{ path: '(root)', message: NO_CATALOG }],
            })),
            warnings: [],
          },
    'policies.export': async ({ keys }) =>
      catalog ? catalog.exportFiles(keys) : { files: [], missing: [...keys], truncated: 0 },
    'policies.diff': async ({ key }) => (catalog ? catalog.diff(key) : noCatalog),
    'policies.push': async ({ key }) => startResult(await pushes.deploy(key)),
    'policies.undeploy': async ({ key }) => startResult(await pushes.undeploy(key)),
    'policies.pushStatus': ({ pushId }) => ({ pushes: pushes.pushes(pushId), dropped: pushes.droppedPushes() }),
    'policies.syncMatrix': async () =>
      catalog
        ? catalog.matrix()
        : { tms: [], rows: [], truncated: 0, problems: { malformed: 0, dropped: 0, lastProblem: null } },
    'blocks.add': async ({ condition }) => {
      if (!catalog) return startResult(await pushes.deployBody(condition, 'blocking'));
      const saved = await catalog.save(condition, 'blocking');
      if (!saved.ok)
        return { started: false, pushId: null, message: 'The blocking condition is not valid.', errors: saved.errors };
      return startResult(await pushes.deploy(saved.entry.key));
    },
    'blocks.remove': async ({ conditionId }) => startResult(await pushes.undeploy(policyKey('blocking', conditionId))),
    'counters.reset': async ({ throttleKey }) => startResult(await pushes.resetCounters(throttleKey)),
    'audit.read': async ({ offset, limit }) =>
      audit ? audit.read(offset, limit) : { records: [], total: 0, nextOffset: null, warnings: [NO_AUDIT] },
    'audit.export': async ({ format }) => {
      const stamp = new Date(deps.clock()).toISOString().replace(/[:.]/g, '-');
      const fileName = `tmc-audit-${stamp}.${format}`;
      if (!audit) return { fileName, text: '', records: 0, truncated: 0, warnings: [NO_AUDIT] };
      const all = await audit.readAll(MAX_EXPORT_RECORDS);
      let records = all.records;
      let text = format === 'csv' ? auditCsv(records) : auditJson(records);
      // Oldest records go first until the file fits its cap.
      while (text.length > POLICY_EXPORT_MAX_BYTES && records.length > 0) {
        records = records.slice(0, Math.floor(records.length * 0.9));
        text = format === 'csv' ? auditCsv(records) : auditJson(records);
      }
      return {
        fileName,
        text,
        records: records.length,
        truncated: all.truncated + all.records.length - records.length,
        warnings: all.warnings.slice(0, 20),
      };
    },
  };
}
