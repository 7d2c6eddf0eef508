import { z } from 'zod';
import { CONTROL_KINDS } from './control-message';
import { parsePolicyKey } from './policy-key';
import type { PushView } from './push-view';

// One line of the audit log. A push writes two: `push` when a traffic manager answered (or none
// did), `sync` when every TM reported the change or the sync deadline passed. Writing the first
// at once means a crash while waiting for the sync never loses who pushed what.

const Id = z.string().max(200);
const Text = z.string().max(4_000);

const common = {
  v: z.literal(1),
  at: z.number(),
  /** The OS user who pushed. */
  user: Text,
  source: z.enum(['app', 'cli']),
  pushId: Id,
  kind: z.enum(CONTROL_KINDS),
  key: z.string().max(600),
  /** The policy's or condition's name; null for a counter reset. */
  policy: z.string().max(600).nullable(),
  subject: Text,
  revision: z.number().int().positive(),
};

export const AuditPushRecordSchema = z.object({
  ...common,
  type: z.literal('push'),
  digest: z.string().max(128).nullable(),
  outcome: z.enum(['acknowledged', 'rejected', 'failed']),
  ackedBy: z.object({ brokerId: Id, tmId: Id, status: z.enum(['applied', 'duplicate']) }).nullable(),
  failovers: z.number().int().nonnegative(),
  attempts: z.array(z.object({ brokerId: Id, outcome: Id, detail: Text.nullable() })).max(64),
  /** From the first publish to the acknowledgement. */
  latencyMs: z.number().nonnegative().nullable(),
  reasons: z.array(Text).max(50),
});

export const AuditSyncRecordSchema = z.object({
  ...common,
  type: z.literal('sync'),
  outcome: z.enum(['synced', 'lagging']),
  synced: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  lagging: z.array(z.object({ brokerId: Id, tmId: Id.nullable(), reason: Text })).max(64),
  /** From the first publish to the end of the sync watch. */
  afterMs: z.number().nonnegative(),
});

export const AuditRecordSchema = z.discriminatedUnion('type', [AuditPushRecordSchema, AuditSyncRecordSchema]);
export type AuditRecord = z.output<typeof AuditRecordSchema>;

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
