import { z } from 'zod';
import { BlockingConditionSchema, BLOCKING_TYPES } from './blocking-schema';
import { nonBlank } from './condition-schema';
import { CustomRuleSchema } from './custom-rule-schema';
import { humanError, toPolicyIssues, type PolicyIssue } from './human-issue';
import { tooDeepMessage, tooDeepPath } from './json-depth';
import { parseJsonPayload } from './json-payload';
import {
  AdvancedPolicySchema,
  ApplicationPolicySchema,
  PolicyNameSchema,
  POLICY_TYPES,
  SubscriptionPolicySchema,
} from './policy-schema';

// The console ↔ traffic manager protocol (DESIGN.md, "Wire protocol"): control messages on
// `tmc/control`, acknowledgements on the message's reply topic, each TM's retained state and
// heartbeat. The TM validates with these same schemas.

export { CONTROL_KINDS, type ControlKind } from './policy-names';

export const ACK_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

/** Largest control message a TM accepts (a policy with many groups is a few kilobytes). */
export const MAX_CONTROL_BYTES = 256 * 1024;

export const TopicNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((topic) => !/[#+]/.test(topic) && !topic.includes(String.fromCharCode(0)), {
    message: 'must be a topic name without wildcards (+, #)',
  });

export const PushIdSchema = z.string().regex(/^\S{1,128}$/, 'must be 1–128 characters without spaces');
export const RevisionSchema = z.number().int('must be a whole number').positive('must be 1 or more');
const conditionId = z.union([z.string().regex(/\S/, 'must not be empty'), z.number().int()]);

export const TypedPolicySchema = z.discriminatedUnion('policyType', [
  z.object({ policyType: z.literal('advanced'), policy: AdvancedPolicySchema }),
  z.object({ policyType: z.literal('application'), policy: ApplicationPolicySchema }),
  z.object({ policyType: z.literal('subscription'), policy: SubscriptionPolicySchema }),
  z.object({ policyType: z.literal('custom'), policy: CustomRuleSchema }),
]);
export type TypedPolicy = z.output<typeof TypedPolicySchema>;

export const PolicyUndeployBodySchema = z.object({ policyType: z.enum(POLICY_TYPES), policyName: PolicyNameSchema });

export const BlockAddBodySchema = BlockingConditionSchema.superRefine((condition, ctx) => {
  if (condition.conditionId === null || condition.conditionId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['conditionId'],
      message: 'is required to add a blocking condition (block.remove names it)',
    });
  }
});

export const BlockRemoveBodySchema = z.object({ conditionId });
export const CountersResetBodySchema = z.object({ throttleKey: nonBlank });

const envelope = {
  pushId: PushIdSchema,
  revision: RevisionSchema,
  replyTo: TopicNameSchema,
  issuedAt: z.number().int('must be epoch milliseconds').nonnegative('must be epoch milliseconds'),
  issuedBy: nonBlank,
};

export const ControlMessageSchema = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('policy.deploy'), body: TypedPolicySchema }),
  z.object({ ...envelope, kind: z.literal('policy.undeploy'), body: PolicyUndeployBodySchema }),
  z.object({ ...envelope, kind: z.literal('block.add'), body: BlockAddBodySchema }),
  z.object({ ...envelope, kind: z.literal('block.remove'), body: BlockRemoveBodySchema }),
  z.object({ ...envelope, kind: z.literal('counters.reset'), body: CountersResetBodySchema }),
]);
export type ControlMessage = z.output<typeof ControlMessageSchema>;

export const AckSchema = z.object({
  pushId: z.string(),
  tmId: nonBlank,
  status: z.enum(ACK_STATUSES),
  /** The revision the TM holds for the message's target after handling it (0: none). */
  revision: z.number().int().nonnegative(),
  reason: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Ack = z.output<typeof AckSchema>;

export const TmPolicyEntrySchema = z.object({
  name: z.string(),
  type: z.enum(POLICY_TYPES),
  revision: z.number().int().positive(),
  digest: z.string(),
  /** False for custom rules: the demo TM stores and synchronizes them but does not run Siddhi. */
  evaluated: z.boolean(),
});

export const TmBlockEntrySchema = z.object({
  conditionId: z.string(),
  conditionType: z.enum(BLOCKING_TYPES),
  /** As gateways receive it: IP values serialized to JSON text. */
  conditionValue: z.string(),
  enabled: z.boolean(),
  revision: z.number().int().positive(),
  digest: z.string(),
});

export const TmPeerEntrySchema = z.object({ tmId: z.string(), url: z.string(), connected: z.boolean() });

export const TmStateSchema = z.object({
  tmId: nonBlank,
  startedAt: z.number().int(),
  /** `syncing` until the start-up pull from a peer is done; only `serving` TMs evaluate traffic. */
  phase: z.enum(['syncing', 'serving']),
  /** The peer the deployment was pulled from at start-up; null when none was reachable. */
  syncedFrom: z.string().nullable(),
  policies: z.array(TmPolicyEntrySchema),
  blocks: z.array(TmBlockEntrySchema),
  peers: z.array(TmPeerEntrySchema),
});
export type TmState = z.output<typeof TmStateSchema>;

export const HeartbeatSchema = z.object({
  tmId: nonBlank,
  seq: z.number().int().nonnegative(),
  ts: z.number().int(),
  requestsPerSec: z.number().nonnegative(),
  decisionsPerSec: z.number().nonnegative(),
});
export type Heartbeat = z.output<typeof HeartbeatSchema>;

export const TOPICS = {
  control: 'tmc/control',
  requests: 'tmc/requests',
  sync: 'tmc/sync',
  throttleData: 'throttleData',
  state: (tmId: string) => `tmc/tm/${tmId}/state`,
  heartbeat: (tmId: string) => `tmc/tm/${tmId}/heartbeat`,
  ack: (clientId: string) => `tmc/ack/${clientId}`,
} as const;

export type ControlDecodeResult =
  | { ok: true; message: ControlMessage }
  /** `pushId`, `revision` and `replyTo` are set when the message had them, so it can still be answered. */
  | { ok: false; errors: PolicyIssue[]; pushId?: string; revision?: number; replyTo?: string };

function member<T>(value: unknown, key: string, schema: z.ZodType<T>): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = schema.safeParse((value as Record<string, unknown>)[key]);
  return parsed.success ? parsed.data : undefined;
}

/** Decodes and validates a control message payload. Never throws. */
export function decodeControlMessage(payload: Uint8Array | string): ControlDecodeResult {
  const json = parseJsonPayload(payload, MAX_CONTROL_BYTES);
  if (!json.ok) return { ok: false, errors: [{ path: '(root)', message: json.reason }] };
  const deep = tooDeepPath(json.value);
  let errors: PolicyIssue[];
  if (deep !== undefined) errors = [{ path: deep, message: tooDeepMessage() }];
  else {
    const result = ControlMessageSchema.safeParse(json.value, { error: humanError });
    if (result.success) return { ok: true, message: result.data };
    errors = toPolicyIssues(result.error);
  }
  const answer: ControlDecodeResult = { ok: false, errors };
  const pushId = member(json.value, 'pushId', PushIdSchema);
  const revision = member(json.value, 'revision', RevisionSchema);
  const replyTo = member(json.value, 'replyTo', TopicNameSchema);
  if (pushId !== undefined) answer.pushId = pushId;
  if (revision !== undefined) answer.revision = revision;
  if (replyTo !== undefined) answer.replyTo = replyTo;
  return answer;
}
