import { z } from 'zod';
import { BlockingConditionSchema } from '../../core/policy/blocking-schema';
import {
  ControlMessageSchema,
  PushIdSchema,
  RevisionSchema,
  TopicNameSchema,
  TypedPolicySchema,
} from '../../core/policy/control-message';
import { humanError, toPolicyIssues } from '../../core/policy/human-issue';
import { tooDeepMessage, tooDeepPath } from '../../core/policy/json-depth';
import { parseJsonPayload } from '../../core/policy/json-payload';
import {
  blockRecord,
  policyRecord,
  tombstone,
  type DeploymentEntry,
  type DeploymentSnapshot,
} from '../engine/deployment';

// Traffic manager ↔ traffic manager messages on `tmc/sync`: a change one TM applied, forwarded to
// its peers; a request for the whole deployment; and the deployment itself. Peers validate what
// they receive like any other input and work out digests themselves.

export const MAX_SYNC_BYTES = 8 * 1024 * 1024;

export const syncReplyTopic = (tmId: string): string => `tmc/sync/reply/${tmId}`;

const EntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), revision: RevisionSchema, typed: TypedPolicySchema }),
  z.object({
    kind: z.literal('block'),
    revision: RevisionSchema,
    conditionId: z.string().min(1),
    condition: BlockingConditionSchema,
  }),
  z.object({ kind: z.literal('tombstone'), revision: RevisionSchema, key: z.string().min(1) }),
]);

const tmId = z.string().min(1);

export const SyncMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), from: tmId, message: ControlMessageSchema }),
  z.object({ kind: z.literal('pull'), from: tmId, requestId: z.string().min(1), replyTo: TopicNameSchema }),
  z.object({
    kind: z.literal('snapshot'),
    from: tmId,
    /** Set when answering a pull; absent when a TM offers its deployment to a peer it (re)connected to. */
    requestId: z.string().min(1).optional(),
    entries: z.array(EntrySchema),
    pushIds: z.array(PushIdSchema),
  }),
]);

export type SyncMessage = z.output<typeof SyncMessageSchema>;
type WireEntry = z.output<typeof EntrySchema>;

export function toWire(entry: DeploymentEntry): WireEntry {
  switch (entry.kind) {
    case 'policy':
      return { kind: 'policy', revision: entry.revision, typed: entry.typed };
    case 'block':
      return { kind: 'block', revision: entry.revision, conditionId: entry.conditionId, condition: entry.condition };
    case 'tombstone':
      return { kind: 'tombstone', revision: entry.revision, key: entry.key };
  }
}

export function snapshotMessage(from: string, snapshot: DeploymentSnapshot, requestId?: string): string {
  const message: SyncMessage = {
    kind: 'snapshot',
    from,
    entries: snapshot.entries.map(toWire),
    pushIds: snapshot.pushIds,
  };
  if (requestId !== undefined) message.requestId = requestId;
  return JSON.stringify(message);
}

export function fromWire(entries: readonly WireEntry[], pushIds: string[]): DeploymentSnapshot {
  return {
    pushIds,
    entries: entries.map((entry): DeploymentEntry => {
      switch (entry.kind) {
        case 'policy':
          return policyRecord(entry.typed, entry.revision);
        case 'block':
          return blockRecord(entry.condition, entry.conditionId, entry.revision);
        case 'tombstone':
          return tombstone(entry.key, entry.revision);
      }
    }),
  };
}

export type SyncDecodeResult = { ok: true; message: SyncMessage } | { ok: false; reason: string };

export function decodeSyncMessage(payload: Uint8Array | string): SyncDecodeResult {
  const json = parseJsonPayload(payload, MAX_SYNC_BYTES);
  if (!json.ok) return json;
  const deep = tooDeepPath(json.value);
  if (deep !== undefined) return { ok: false, reason: `${deep}: ${tooDeepMessage()}` };
  const result = SyncMessageSchema.safeParse(json.value, { error: humanError });
  if (result.success) return { ok: true, message: result.data };
  const [first] = toPolicyIssues(result.error);
  return { ok: false, reason: first ? `${first.path}: ${first.message}` : 'invalid sync message' };
}
