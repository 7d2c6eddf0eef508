import { z } from 'zod';
import type {
  BlockRow,
  HistoryEntry,
  KeyTemplateRow,
  LiveRow,
  ThrottleCounters,
  ThrottleDelta,
} from '../throttle/delta-types';
import { BLOCK_TYPES, KEY_LEVELS } from '../throttle/message-types';
import type { RejectionCount, RejectionSample } from '../throttle/rejection';
import { REJECT_CODES } from '../throttle/rejection';

// The throttle part of the contract: the live table in pages, then batched deltas.

const Level = z.enum(KEY_LEVELS);
const BlockType = z.enum(BLOCK_TYPES);
const RejectCode = z.enum(REJECT_CODES);

const KeyPartsSchema = z.object({
  appId: z.string().optional(),
  user: z.string().optional(),
  tenant: z.string().optional(),
  apiContext: z.string().optional(),
  apiVersion: z.string().optional(),
  resource: z.string().optional(),
  verb: z.string().optional(),
  tier: z.string().optional(),
  conditionGroup: z.string().optional(),
  perUser: z.boolean().optional(),
  clientIp: z.string().optional(),
});

const ConditionSchema = z.union([
  z.object({
    kind: z.enum(['header', 'queryParameter', 'jwtClaim']),
    invert: z.boolean(),
    values: z.array(z.object({ name: z.string(), value: z.string() })),
    text: z.string(),
  }),
  z.object({ kind: z.literal('ipSpecific'), invert: z.boolean(), ip: z.string(), text: z.string() }),
  z.object({
    kind: z.literal('ipRange'),
    invert: z.boolean(),
    startingIp: z.string(),
    endingIp: z.string(),
    text: z.string(),
  }),
  z.object({ kind: z.literal('unreadable'), invert: z.literal(false), text: z.string() }),
]);

export const LiveRowSchema = z.object({
  key: z.string(),
  level: Level,
  parts: KeyPartsSchema,
  isThrottled: z.boolean(),
  expiryTimeStamp: z.number(),
  conditions: z.array(ConditionSchema).readonly(),
  firstSeen: z.number(),
  lastChange: z.number(),
  reportedBy: z.array(z.string()),
  skewMs: z.number(),
  disagreement: z.array(z.object({ broker: z.string(), kind: z.enum(['missing', 'opposite']) })),
});

const BlockValueSchema = z.union([
  z.object({ kind: z.literal('ip'), fixedIp: z.string(), invert: z.boolean(), text: z.string() }),
  z.object({
    kind: z.literal('ipRange'),
    startingIp: z.string(),
    endingIp: z.string(),
    invert: z.boolean(),
    text: z.string(),
  }),
  z.object({ kind: z.literal('api'), apiContext: z.string(), text: z.string() }),
  z.object({ kind: z.literal('application'), subscriber: z.string(), appName: z.string(), text: z.string() }),
  z.object({ kind: z.literal('user'), user: z.string(), tenant: z.string().or(z.undefined()), text: z.string() }),
  z.object({
    kind: z.literal('subscription'),
    apiContext: z.string(),
    apiVersion: z.string(),
    subscriber: z.string(),
    appName: z.string(),
    keyType: z.string(),
    text: z.string(),
  }),
  z.object({ kind: z.literal('raw'), text: z.string() }),
]);

export const BlockRowSchema = z.object({
  id: z.string(),
  conditionType: BlockType,
  conditionValue: z.string(),
  value: BlockValueSchema,
  conditionId: z.string().or(z.undefined()),
  tenantDomain: z.string().or(z.undefined()),
  reportedBy: z.array(z.string()),
  since: z.number(),
});

export const KeyTemplateRowSchema = z.object({
  template: z.string(),
  reportedBy: z.array(z.string()),
  since: z.number(),
});

const Count = z.number().int().nonnegative();

export const ThrottleCountersSchema = z.object({
  live: Count,
  byLevel: z.record(Level, Count),
  messages: Count,
  decisions: Count,
  confirmations: Count,
  lateConfirmations: Count,
  stale: Count,
  duplicates: Count,
  expiredOnArrival: Count,
  disagreeingKeys: Count,
  rejected: Count,
  unreadableConditions: Count,
  blocks: Count,
  keyTemplates: Count,
  dropped: z.object({
    keys: Count,
    graceChecks: Count,
    history: Count,
    blocks: Count,
    keyTemplates: Count,
    rejectionSamples: Count,
    deltas: Count,
  }),
});

export const ThrottleDeltaSchema = z.object({
  seq: z.number().int(),
  at: z.number(),
  resync: z.boolean(),
  upserts: z.array(LiveRowSchema),
  removals: z.array(z.string()),
  blocks: z.object({ upserts: z.array(BlockRowSchema), removals: z.array(z.string()) }),
  keyTemplates: z.object({ upserts: z.array(KeyTemplateRowSchema), removals: z.array(z.string()) }),
  counters: ThrottleCountersSchema,
  more: z.boolean(),
});

export const MAX_PAGE_ROWS = 5_000;

export const ThrottlePageSchema = z.object({
  /** Pages of one snapshot share its id; a later page of an expired snapshot starts over. */
  snapshotId: z.string(),
  at: z.number(),
  /** The last delta sent before the snapshot: apply deltas from deltaSeq + 1 on top of the pages. */
  deltaSeq: Count,
  total: Count,
  rows: z.array(LiveRowSchema).max(MAX_PAGE_ROWS),
  /** Where the next page starts; null after the last one. */
  nextCursor: Count.nullable(),
  blocks: z.array(BlockRowSchema),
  keyTemplates: z.array(KeyTemplateRowSchema),
  counters: ThrottleCountersSchema,
});

const RejectionSampleSchema = z.object({
  at: z.number(),
  broker: z.string(),
  code: RejectCode,
  reason: z.string(),
  bytes: Count,
  excerpt: z.string(),
});

export const RejectionsSchema = z.object({
  counts: z.array(z.object({ broker: z.string(), code: RejectCode, count: Count })),
  samples: z.array(RejectionSampleSchema),
});

const HistoryEntrySchema = z.object({
  at: z.number(),
  key: z.string(),
  change: z.enum(['throttled', 'unthrottled', 'expired', 'evicted']),
  expiryTimeStamp: z.number(),
});

export const throttleCalls = {
  'throttle.page': {
    request: z
      .object({
        snapshotId: z.string().max(64).optional(),
        cursor: Count.default(0),
        limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(2_000),
      })
      .strict(),
    response: ThrottlePageSchema,
  },
  'throttle.rejections': { request: z.object({}).strict(), response: RejectionsSchema },
  'throttle.history': {
    request: z.object({ limit: z.number().int().min(1).max(2_000).default(500) }).strict(),
    response: z.object({ entries: z.array(HistoryEntrySchema) }),
  },
} as const;

// The engine's plain types and these schemas must describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.output<typeof LiveRowSchema>, LiveRow>,
  Same<z.output<typeof BlockRowSchema>, BlockRow>,
  Same<z.output<typeof KeyTemplateRowSchema>, KeyTemplateRow>,
  Same<z.output<typeof ThrottleCountersSchema>, ThrottleCounters>,
  Same<z.output<typeof ThrottleDeltaSchema>, ThrottleDelta>,
  Same<z.output<typeof HistoryEntrySchema>, HistoryEntry>,
  Same<z.output<typeof RejectionSampleSchema>, RejectionSample>,
  Same<z.output<typeof RejectionsSchema>['counts'][number], RejectionCount>,
] = [true, true, true, true, true, true, true, true];
void sameShapes;

export type ThrottlePage = z.output<typeof ThrottlePageSchema>;
