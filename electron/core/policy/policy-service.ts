import type { ClusterSession } from '../cluster-session';
import { pushRecord, syncRecord, type AuditContext, type AuditRecord } from './audit-record';
import type { AuditLog } from './audit-log';
import { currentRevision } from './catalog-file';
import type { PolicyIssue } from './human-issue';
import type { PolicyCatalog } from './policy-catalog';
import { acceptPolicy } from './policy-input';
import { describeKey, parsePolicyKey, policyKey } from './policy-key';
import { validatePolicy, type PolicyKind } from './policy-validator';
import { runPush, type PushRun } from './push-driver';
import {
  deployChange,
  deployRevision,
  keyOfPolicy,
  removalChange,
  removalRevision,
  renumberReason,
  resetChange,
  type PlannedChange,
} from './push-planner';
import type { PushView } from './push-view';
import type { TmReports } from './tm-reports';

// Pushes: deploy and undeploy policies, add and remove blocking conditions, reset counters.
// Each push runs its own lifecycle machine; this service picks the revision, keeps the catalog's
// "deployed" marker (only ever set by an acknowledgement), writes the audit log, and tells the
// UI about progress.

export const DEFAULT_ACK_TIMEOUT_MS = 3_000;
export const DEFAULT_SYNC_TIMEOUT_MS = 10_000;
export const MAX_IN_FLIGHT = 8;
export const MAX_RECENT_PUSHES = 50;

export interface PolicyServiceDeps {
  session: ClusterSession;
  reports: TmReports;
  clock: () => number;
  /** The OS user: `issuedBy` in control messages and `user` in the audit log. */
  user: string;
  source: AuditContext['source'];
  newId: () => string;
  catalog: PolicyCatalog | undefined;
  audit: AuditLog | undefined;
  syncTimeoutMs?: number;
}

export type PushStart =
  | {
      started: true;
      pushId: string;
      /** Where the push stands right after it started (it fails at once when no TM is connected). */
      message: string;
      /** Resolves when a TM answered or none could: the push leaves `awaiting-ack`. */
      acknowledged: Promise<PushView>;
      /** Resolves at the end, sync included, once its audit records are written. */
      done: Promise<PushView>;
    }
  | { started: false; message: string; errors: PolicyIssue[] };

export type PolicyServiceEvent =
  | { type: 'push'; view: PushView }
  | { type: 'changed'; what: 'catalog' | 'audit' }
  | { type: 'problem'; message: string };

export interface PolicyService {
  /** Deploys the catalog's current revision of `key`. */
  deploy(key: string): Promise<PushStart>;
  /** Deploys a body without keeping it in the catalog (the command line). */
  deployBody(body: unknown, kind?: PolicyKind): Promise<PushStart>;
  undeploy(key: string): Promise<PushStart>;
  resetCounters(throttleKey: string): Promise<PushStart>;
  /** Recent pushes, newest first; one when `pushId` is given and known. */
  pushes(pushId?: string): PushView[];
  droppedPushes(): number;
  /** The push's final view once it ended and its records are written; undefined for an unknown push. */
  whenDone(pushId: string): Promise<PushView | undefined>;
  on(listener: (event: PolicyServiceEvent) => void): () => void;
  /** Ends every push under way (unacknowledged ones fail) and waits for their records. */
  stop(): Promise<void>;
}

const refused = (message: string, errors: PolicyIssue[] = []): PushStart => ({ started: false, message, errors });

export function createPolicyService(deps: PolicyServiceDeps): PolicyService {
  const { session, reports, catalog, audit, clock } = deps;
  const listeners = new Set<(event: PolicyServiceEvent) => void>();
  const running = new Map<string, { key: string; run: PushRun; done: Promise<PushView> }>();
  const recent = new Map<string, PushView>();
  let dropped = 0;
  let stopping = false;

  const emit = (event: PolicyServiceEvent): void => {
    for (const listener of listeners) listener(event);
  };

  function remember(view: PushView): void {
    recent.delete(view.pushId);
    recent.set(view.pushId, view);
    for (const [pushId] of recent) {
      if (recent.size <= MAX_RECENT_PUSHES) break;
      if (running.has(pushId)) continue;
      recent.delete(pushId);
      dropped += 1;
    }
  }

  async function writeAudit(record: AuditRecord): Promise<void> {
    if (!audit) return;
    const written = await audit.append(record);
    if (written.ok) emit({ type: 'changed', what: 'audit' });
    else emit({ type: 'problem', message: written.error });
  }

  /**
   * The catalog follows only what a traffic manager acknowledged. A removal's revision is kept
   * even for a key the catalog does not hold: TMs keep the removal but no longer report the key,
   * so the next deploy must go above it.
   */
  async function bookkeep(change: PlannedChange, view: PushView): Promise<void> {
    if (!catalog) return;
    const parsed = parsePolicyKey(change.key);
    if (!parsed || change.kind === 'counters.reset') return;
    const held = view.rejection?.revision ?? 0;
    if (held > change.revision) {
      // Refused as older than what the TM holds, which its state may not show (a removal):
      // remembered, so the next push goes above it instead of being refused again.
      const recorded = await catalog.recordUsed(change.key, held);
      if (!recorded.ok) emit({ type: 'problem', message: recorded.errors.map((e) => e.message).join('; ') });
      return;
    }
    if (!view.ack) return;
    const digest = change.target?.present === true ? change.digest : null;
    if (digest !== null && !(await catalog.get(change.key)).ok) return;
    const recorded =
      digest !== null
        ? await catalog.recordDeployed(change.key, {
            revision: change.revision,
            digest,
            pushId: view.pushId,
            at: view.updatedAt,
            tmId: view.ack.tmId,
          })
        : await catalog.recordUndeployed(change.key, change.revision);
    if (recorded.ok) emit({ type: 'changed', what: 'catalog' });
    else emit({ type: 'problem', message: recorded.errors.map((e) => e.message).join('; ') });
  }

  function start(change: PlannedChange): PushStart {
    const cluster = session.cluster();
    const profile = session.profile();
    if (!cluster || !profile) return refused('No profile is open: open one first.');
    const busy = [...running.entries()].find(([, r]) => r.key === change.key);
    if (busy) return refused(`A push of ${change.subject} is already under way (${busy[0]}); wait for it to finish.`);
    if (running.size >= MAX_IN_FLIGHT)
      return refused(`${MAX_IN_FLIGHT} pushes are under way already; wait for one to finish.`);
    const pushId = deps.newId();
    const context: AuditContext = { user: deps.user, source: deps.source, digest: change.digest };
    let records: Promise<void> = Promise.resolve();
    let answered: (view: PushView) => void = () => undefined;
    const acknowledged = new Promise<PushView>((resolve) => (answered = resolve));
    let awaiting = true;
    const run = runPush(
      { cluster, tracker: reports.tracker, topics: profile.topics, clock, issuedBy: deps.user },
      {
        pushId,
        kind: change.kind,
        key: change.key,
        subject: change.subject,
        revision: change.revision,
        order: cluster.failoverOrder(),
        target: change.target,
        ackTimeoutMs: DEFAULT_ACK_TIMEOUT_MS,
        syncTimeoutMs: deps.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
      },
      change.body,
      (view) => {
        remember(view);
        emit({ type: 'push', view });
        if (awaiting && view.phase !== 'awaiting-ack') {
          awaiting = false;
          const at = clock();
          records = records.then(async () => {
            await writeAudit(pushRecord(view, context, at));
            await bookkeep(change, view);
          });
          answered(view);
        }
        if ((view.phase === 'synced' || view.phase === 'lagging') && !stopping) {
          const at = clock();
          records = records.then(() => writeAudit(syncRecord(view, context, at)));
        }
      },
    );
    const done = run.done.then(async (view) => {
      await records;
      running.delete(pushId);
      return view;
    });
    running.set(pushId, { key: change.key, run, done });
    const settled = acknowledged.then(async (view) => {
      await records;
      return view;
    });
    return { started: true, pushId, message: run.view().message, acknowledged: settled, done };
  }

  async function lastUsed(key: string): Promise<number> {
    return catalog ? catalog.lastRevision(key) : 0;
  }

  return {
    async deploy(key) {
      if (!catalog) return refused('This host keeps no policy catalog.');
      const got = await catalog.get(key);
      if (!got.ok) return refused(got.errors.map((e) => e.message).join('; '), got.errors);
      let entry = got.value;
      const valid = validatePolicy(entry.kind, currentRevision(entry).body);
      if (!valid.ok)
        return refused(
          `Revision ${currentRevision(entry).revision} of ${describeKey(key)} is not valid.`,
          valid.errors,
        );
      const reported = reports.reportedFor(key);
      const reason = renumberReason(currentRevision(entry), entry.lastRevision, reported);
      if (reason) {
        const current = currentRevision(entry);
        const saved = await catalog.save({
          kind: entry.kind,
          name: entry.name,
          body: current.body,
          digest: current.digest,
          by: deps.user,
          note: `renumbered from revision ${current.revision}: ${reason}`,
          floor: Math.max(0, ...reported.map((r) => r.revision)),
          force: true,
        });
        if (!saved.ok) return refused(saved.errors.map((e) => e.message).join('; '), saved.errors);
        entry = saved.value.entry;
        emit({ type: 'changed', what: 'catalog' });
      }
      return start(deployChange({ kind: entry.kind, policy: valid.policy }, currentRevision(entry).revision));
    },

    async deployBody(body, kind) {
      const accepted = acceptPolicy(body, kind, deps.newId);
      if (!accepted.ok) return refused('The policy is not valid.', accepted.errors);
      const key = keyOfPolicy(accepted.valid);
      const probe = deployChange(accepted.valid, 1);
      const revision = deployRevision(probe.digest ?? '', reports.reportedFor(key), await lastUsed(key));
      return start(deployChange(accepted.valid, revision));
    },

    async undeploy(key) {
      const parsed = parsePolicyKey(key);
      if (!parsed) return refused(`"${key}" does not name a policy or blocking condition.`);
      const revision = removalRevision(reports.reportedFor(key), await lastUsed(key));
      const change = removalChange(policyKey(parsed.kind, parsed.name), revision);
      return change ? start(change) : refused(`"${key}" does not name a policy or blocking condition.`);
    },

    async resetCounters(throttleKey) {
      return start(resetChange(throttleKey));
    },

    pushes(pushId) {
      if (pushId !== undefined) {
        const found = recent.get(pushId);
        return found ? [found] : [];
      }
      return [...recent.values()].reverse();
    },
    droppedPushes: () => dropped,
    whenDone: async (pushId) => (await running.get(pushId)?.done) ?? recent.get(pushId),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopping = true;
      const pending = [...running.values()];
      for (const { run } of pending) run.cancel('the console stopped');
      await Promise.all(pending.map((p) => p.done));
    },
  };
}
