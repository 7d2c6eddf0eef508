import { z } from 'zod';
import { CONTROL_KINDS } from './policy-names';

// A push as the contract carries it (the push event and push status). Free of Node APIs: the
// renderer compiles the contract too.

const Id = z.string().max(200);
const Text = z.string().max(4_000);

export const PushViewSchema = z.object({
  pushId: Id,
  kind: z.enum(CONTROL_KINDS),
  key: z.string().max(600),
  subject: Text,
  revision: z.number().int().positive(),
  phase: z.enum(['awaiting-ack', 'syncing', 'acknowledged', 'synced', 'lagging', 'rejected', 'failed']),
  startedAt: z.number(),
  updatedAt: z.number(),
  attempts: z
    .array(
      z.object({
        brokerId: Id,
        outcome: z.enum(['waiting', 'acknowledged', 'rejected', 'no-answer', 'disconnected', 'not-sent', 'superseded']),
        sentAt: z.number(),
        endedAt: z.number().nullable(),
        delivered: z.boolean(),
        detail: Text.nullable(),
      }),
    )
    .max(64),
  failovers: z.number().int().nonnegative(),
  ack: z
    .object({
      brokerId: Id,
      tmId: Id,
      status: z.enum(['applied', 'duplicate']),
      /** From the first publish to the acknowledgement, failovers included. */
      latencyMs: z.number().nonnegative(),
    })
    .nullable(),
  rejection: z
    .object({
      brokerId: Id,
      tmId: Id,
      reason: Text,
      errors: z.array(z.object({ path: z.string().max(600), message: Text })).max(50),
      /** The revision the TM holds, as it says; above the push's own when the push was too old. */
      revision: z.number().int().nonnegative(),
    })
    .nullable(),
  sync: z
    .object({
      synced: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      lagging: z.array(z.object({ brokerId: Id, tmId: Id.nullable(), reason: Text })).max(64),
      deadline: z.number().nullable(),
      /** From the first publish until every TM reported the change; null until then. */
      syncedAfterMs: z.number().nonnegative().nullable(),
    })
    .nullable(),
  message: Text,
});

export type PushView = z.output<typeof PushViewSchema>;
