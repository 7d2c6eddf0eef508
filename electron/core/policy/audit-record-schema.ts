import { z } from 'zod';
import { CONTROL_KINDS } from './policy-names';

// One line of the audit log. A push writes two: `push` when a traffic manager answered (or none
// did), `sync` when every TM reported the change or the sync deadline passed. Writing the first
// at once means a crash while waiting for the sync never loses who pushed what. Free of Node
// APIs: the contract (compiled for the renderer too) carries these records.

const Id = z.string().max(200);
const Text = z.string().max(4_000);

const common = {
  v: z.literal(1),
  /** Epoch milliseconds within Date's range, so every export can print it. */
  at: z.number().int().nonnegative().max(8.64e15),
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
