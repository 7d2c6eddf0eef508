import type { AuditRecord } from './audit-record-schema';
import { parsePolicyKey } from './policy-key';
import type { PushView } from './push-view';

export { AuditRecordSchema, type AuditRecord } from './audit-record-schema';

// The audit records of a push, from its view (schemas in audit-record-schema.ts).

export interface AuditContext {
  user: string;
  source: 'app' | 'cli';
  /** The pushed content's digest; null for removals and counter resets. */
  digest: string | null;
}

function commonOf(view: PushView, context: AuditContext, at: number) {
  return {
    v: 1 as const,
    at,
    user: context.user,
    source: context.source,
    pushId: view.pushId,
    kind: view.kind,
    key: view.key,
    policy: view.kind === 'counters.reset' ? null : (parsePolicyKey(view.key)?.name ?? null),
    subject: view.subject,
    revision: view.revision,
  };
}

/** The `push` record of a push that left `awaiting-ack`. */
export function pushRecord(view: PushView, context: AuditContext, at: number): AuditRecord {
  const outcome = view.phase === 'rejected' ? 'rejected' : view.phase === 'failed' ? 'failed' : 'acknowledged';
  const reasons =
    view.phase === 'rejected'
      ? [view.rejection?.reason ?? '', ...(view.rejection?.errors ?? []).map((e) => `${e.path}: ${e.message}`)]
      : view.phase === 'failed'
        ? [view.message]
        : [];
  return {
    ...commonOf(view, context, at),
    type: 'push',
    digest: context.digest,
    outcome,
    ackedBy: view.ack && { brokerId: view.ack.brokerId, tmId: view.ack.tmId, status: view.ack.status },
    failovers: view.failovers,
    attempts: view.attempts.map((a) => ({ brokerId: a.brokerId, outcome: a.outcome, detail: a.detail })),
    latencyMs: view.ack?.latencyMs ?? null,
    reasons: reasons.filter((r) => r !== '').slice(0, 50),
  };
}

/** The `sync` record of a push whose sync watch ended. */
export function syncRecord(view: PushView, context: AuditContext, at: number): AuditRecord {
  return {
    ...commonOf(view, context, at),
    type: 'sync',
    outcome: view.phase === 'synced' ? 'synced' : 'lagging',
    synced: view.sync?.synced ?? 0,
    total: view.sync?.total ?? 0,
    lagging: view.sync?.lagging ?? [],
    afterMs: Math.max(0, view.updatedAt - view.startedAt),
  };
}
