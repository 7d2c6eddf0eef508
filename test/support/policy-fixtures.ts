import type { CallResponse } from '../../electron/core/host/contract';
import type { CatalogSummary } from '../../electron/core/host/policy-contract';
import type { AuditRecord } from '../../electron/core/policy/audit-record-schema';
import type { PushView } from '../../electron/core/policy/push-view-schema';
import type { scriptedClient } from './scripted-client';

// Values of the policy contract for renderer tests: every field filled, tests override what
// they care about.

export const T0 = Date.UTC(2026, 4, 12, 9, 31, 0);

export function catalogSummary(overrides: Partial<CatalogSummary> = {}): CatalogSummary {
  return {
    key: 'application:Gold',
    kind: 'application',
    name: 'Gold',
    revision: 4,
    digest: 'd'.repeat(64),
    savedAt: T0,
    savedBy: 'ops',
    note: null,
    lastRevision: 4,
    deployed: null,
    revisions: 4,
    droppedRevisions: 0,
    ...overrides,
  };
}

type Matrix = CallResponse<'policies.syncMatrix'>;
type Row = Matrix['rows'][number];

export function matrixRow(overrides: Partial<Row> = {}): Row {
  return {
    key: 'application:Gold',
    kind: 'application',
    name: 'Gold',
    local: { revision: 4, digest: 'd'.repeat(64), deployedRevision: 4 },
    cells: [
      { brokerId: 'tm1', revision: 4, digest: 'd'.repeat(64), status: 'in-sync' },
      { brokerId: 'tm2', revision: 4, digest: 'd'.repeat(64), status: 'in-sync' },
    ],
    inSync: true,
    ...overrides,
  };
}

export function syncMatrix(rows: Row[] = [matrixRow()], overrides: Partial<Matrix> = {}): Matrix {
  return {
    tms: [
      { brokerId: 'tm1', tmId: 'tm1', live: true, phase: 'serving', reportedAt: T0 },
      { brokerId: 'tm2', tmId: 'tm2', live: true, phase: 'serving', reportedAt: T0 },
    ],
    rows,
    truncated: 0,
    problems: { malformed: 0, dropped: 0, lastProblem: null },
    ...overrides,
  };
}

/** A push of application policy Gold revision 4, sent to tm1 and waiting for its answer. */
export function pushView(overrides: Partial<PushView> = {}): PushView {
  return {
    pushId: 'push-1',
    kind: 'policy.deploy',
    key: 'application:Gold',
    subject: 'application policy "Gold"',
    revision: 4,
    phase: 'awaiting-ack',
    startedAt: T0,
    updatedAt: T0,
    attempts: [{ brokerId: 'tm1', outcome: 'waiting', sentAt: T0, endedAt: null, delivered: true, detail: null }],
    failovers: 0,
    ack: null,
    rejection: null,
    sync: null,
    message: 'Sent application policy "Gold" revision 4 to tm1; waiting for its acknowledgement.',
    ...overrides,
  };
}

/** The same push acknowledged by tm1 41 ms in, synced on `synced` of 2. */
export function ackedView(phase: 'syncing' | 'synced' | 'lagging', synced: number, overrides: Partial<PushView> = {}) {
  return pushView({
    phase,
    updatedAt: T0 + 100,
    attempts: [
      { brokerId: 'tm1', outcome: 'acknowledged', sentAt: T0, endedAt: T0 + 41, delivered: true, detail: null },
    ],
    ack: { brokerId: 'tm1', tmId: 'tm1', status: 'applied', latencyMs: 41 },
    sync: {
      synced,
      total: 2,
      lagging: synced === 2 ? [] : [{ brokerId: 'tm2', tmId: 'tm2', reason: 'runs revision 3' }],
      deadline: T0 + 10_000,
      syncedAfterMs: phase === 'synced' ? 310 : null,
    },
    ...overrides,
  });
}

export function auditPush(overrides: Partial<Extract<AuditRecord, { type: 'push' }>> = {}): AuditRecord {
  return {
    v: 1,
    type: 'push',
    at: T0 + 41,
    user: 'ops',
    source: 'app',
    pushId: 'old-1',
    kind: 'policy.deploy',
    key: 'application:Gold',
    policy: 'Gold',
    subject: 'application policy "Gold"',
    revision: 3,
    digest: 'd'.repeat(64),
    outcome: 'acknowledged',
    ackedBy: { brokerId: 'tm2', tmId: 'tm2', status: 'applied' },
    failovers: 1,
    attempts: [
      { brokerId: 'tm1', outcome: 'disconnected', detail: 'connection lost before an answer' },
      { brokerId: 'tm2', outcome: 'acknowledged', detail: null },
    ],
    latencyMs: 41,
    reasons: [],
    ...overrides,
  };
}

export function auditSync(overrides: Partial<Extract<AuditRecord, { type: 'sync' }>> = {}): AuditRecord {
  return {
    v: 1,
    type: 'sync',
    at: T0 + 310,
    user: 'ops',
    source: 'app',
    pushId: 'old-1',
    kind: 'policy.deploy',
    key: 'application:Gold',
    policy: 'Gold',
    subject: 'application policy "Gold"',
    revision: 3,
    outcome: 'synced',
    synced: 2,
    total: 2,
    lagging: [],
    afterMs: 310,
    ...overrides,
  };
}

/** What the scripted core answers for the policy calls a page makes on its own. */
export interface PolicyScript {
  entries: CatalogSummary[];
  matrix: Matrix;
  pushes: PushView[];
  /** The audit log, newest first. */
  audit: AuditRecord[];
}

/**
 * Installs answers for list, sync matrix, push status, diff and audit reads on a scripted client,
 * read from the returned state at each call so a test can change what the core holds.
 */
export function scriptPolicies(
  script: ReturnType<typeof scriptedClient>,
  initial: Partial<PolicyScript> = {},
): PolicyScript {
  const state: PolicyScript = { entries: [], matrix: syncMatrix([]), pushes: [], audit: [], ...initial };
  script.answers['policies.list'] = async () => ({ ok: true, value: { entries: state.entries, warnings: [] } });
  script.answers['policies.syncMatrix'] = async () => ({ ok: true, value: state.matrix });
  script.answers['policies.pushStatus'] = async () => ({ ok: true, value: { pushes: state.pushes, dropped: 0 } });
  script.answers['policies.diff'] = async ({ key }) => {
    const entry = state.entries.find((e) => e.key === key);
    return {
      ok: true,
      value: entry
        ? { ok: true, key, local: { revision: entry.revision, digest: entry.digest }, tms: [], warnings: [] }
        : { ok: false, errors: [{ path: '(root)', message: `${key} is not in the catalog` }], warnings: [] },
    };
  };
  script.answers['audit.read'] = async ({ offset = 0, limit = 50 }) => {
    const records = state.audit.slice(offset, offset + limit);
    const next = offset + records.length;
    return {
      ok: true,
      value: { records, total: state.audit.length, nextOffset: next < state.audit.length ? next : null, warnings: [] },
    };
  };
  return state;
}
