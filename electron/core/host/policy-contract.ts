import { z } from 'zod';
import { AuditRecordSchema } from '../policy/audit-record-schema';
import { DeployedSchema, MAX_ENTRIES, MAX_HISTORY } from '../policy/catalog-file';
import { POLICY_KINDS } from '../policy/policy-names';
import { PushViewSchema } from '../policy/push-view-schema';

// The policy part of the contract: the catalog, pushes with their progress, the sync matrix and
// the audit log. Every list is capped; bodies travel as they are (validated by the core, which
// answers with field paths).

const Text = z.string().max(4_000);
const Key = z.string().min(1).max(600);
const Kind = z.enum(POLICY_KINDS);
const IssuesSchema = z.array(z.object({ path: z.string().max(600), message: Text })).max(200);
const WarningsSchema = z.array(z.object({ path: z.string().max(1_000), message: Text })).max(50);
const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

export const CatalogSummarySchema = z.object({
  key: Key,
  kind: Kind,
  name: z.string().max(600),
  revision: z.number().int().positive(),
  digest: z.string().max(128),
  savedAt: z.number(),
  savedBy: Text,
  note: Text.nullable(),
  /** The highest revision used for the key; the next push goes above it. */
  lastRevision: z.number().int().positive(),
  deployed: DeployedSchema.nullable(),
  /** Revisions kept in the history, and how many older ones were dropped. */
  revisions: z.number().int().nonnegative(),
  droppedRevisions: z.number().int().nonnegative(),
});

const HistoryItemSchema = z.object({
  revision: z.number().int().positive(),
  digest: z.string().max(128),
  savedAt: z.number(),
  savedBy: Text,
  note: Text.nullable(),
});

export const PushStartSchema = z.object({
  /** A push id was given; the push may still have failed at once (no TM connected): see `message`. */
  started: z.boolean(),
  /** Follow it with `policies.push` events or `policies.pushStatus`. */
  pushId: z.string().max(200).nullable(),
  message: Text,
  errors: IssuesSchema,
});

const FieldChangeSchema = z.object({
  path: z.string().max(600),
  change: z.enum(['added', 'removed', 'changed']),
  from: z.string().max(200).optional(),
  to: z.string().max(200).optional(),
  text: Text,
});

const CellStatusSchema = z.enum(['in-sync', 'behind', 'ahead', 'different', 'missing', 'unknown']);

export const TmDiffSchema = z.object({
  brokerId: z.string(),
  tmId: z.string().nullable(),
  revision: z.number().int().nullable(),
  digest: z.string().nullable(),
  status: CellStatusSchema,
  changes: z.array(FieldChangeSchema).max(200),
  more: z.number().int().nonnegative(),
  note: Text,
});

export const SyncMatrixSchema = z.object({
  tms: z
    .array(
      z.object({
        brokerId: z.string(),
        tmId: z.string().nullable(),
        live: z.boolean(),
        phase: z.enum(['syncing', 'serving']).nullable(),
        reportedAt: z.number().nullable(),
      }),
    )
    .max(32),
  rows: z
    .array(
      z.object({
        key: Key,
        kind: Kind,
        name: z.string().max(600),
        local: z
          .object({
            revision: z.number().int(),
            digest: z.string(),
            deployedRevision: z.number().int().nullable(),
          })
          .nullable(),
        cells: z
          .array(
            z.object({
              brokerId: z.string(),
              revision: z.number().int().nullable(),
              digest: z.string().nullable(),
              status: CellStatusSchema,
            }),
          )
          .max(32),
        inSync: z.boolean(),
      }),
    )
    .max(MAX_ENTRIES),
  truncated: z.number().int().nonnegative(),
  /** TM states and acknowledgements that could not be read, and states beyond the per-broker cap. */
  problems: z.object({
    malformed: z.number().int().nonnegative(),
    dropped: z.number().int().nonnegative(),
    lastProblem: Text.nullable(),
  }),
});

const ok = <T extends z.ZodRawShape>(shape: T) => z.object({ ok: z.literal(true), ...shape, warnings: WarningsSchema });
const failed = z.object({ ok: z.literal(false), errors: IssuesSchema, warnings: WarningsSchema });
const strict = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

export const policyCalls = {
  'policies.list': {
    request: strict({}),
    response: z.object({ entries: z.array(CatalogSummarySchema).max(MAX_ENTRIES), warnings: WarningsSchema }),
  },
  'policies.get': {
    request: strict({ key: Key, revision: z.number().int().positive().optional() }),
    response: z.discriminatedUnion('ok', [
      ok({
        entry: CatalogSummarySchema,
        /** The revision whose body this is (the current one unless asked otherwise). */
        revision: z.number().int().positive(),
        body: z.unknown(),
        history: z.array(HistoryItemSchema).max(MAX_HISTORY),
      }),
      failed,
    ]),
  },
  'policies.save': {
    request: strict({ body: z.unknown(), kind: Kind.optional() }),
    response: z.discriminatedUnion('ok', [ok({ entry: CatalogSummarySchema, unchanged: z.boolean() }), failed]),
  },
  'policies.delete': {
    request: strict({ key: Key }),
    response: z.object({ ok: z.boolean(), errors: IssuesSchema, warnings: WarningsSchema }),
  },
  'policies.import': {
    request: strict({
      files: z
        .array(strict({ name: z.string().min(1).max(260), text: z.string().max(1024 * 1024) }))
        .min(1)
        .max(20),
    }),
    response: z.object({
      results: z
        .array(
          z.discriminatedUnion('ok', [
            z.object({
              ok: z.literal(true),
              file: z.string(),
              index: z.number().int().nullable(),
              key: Key,
              revision: z.number().int().positive(),
              unchanged: z.boolean(),
            }),
            z.object({
              ok: z.literal(false),
              file: z.string(),
              index: z.number().int().nullable(),
              errors: IssuesSchema,
            }),
          ]),
        )
        .max(2_000),
      warnings: WarningsSchema,
    }),
  },
  'policies.export': {
    /** No keys: the whole catalog. */
    request: strict({ keys: z.array(Key).max(MAX_ENTRIES) }),
    response: z.object({
      files: z.array(z.object({ fileName: z.string().max(200), text: z.string() })).max(MAX_ENTRIES),
      missing: z.array(z.string()).max(MAX_ENTRIES),
      /** Files left out to keep the answer under its size cap. */
      truncated: z.number().int().nonnegative(),
    }),
  },
  'policies.diff': {
    request: strict({ key: Key }),
    response: z.discriminatedUnion('ok', [
      ok({
        key: Key,
        local: z.object({ revision: z.number().int(), digest: z.string() }),
        tms: z.array(TmDiffSchema).max(32),
      }),
      failed,
    ]),
  },
  'policies.push': { request: strict({ key: Key }), response: PushStartSchema },
  'policies.undeploy': { request: strict({ key: Key }), response: PushStartSchema },
  'policies.pushStatus': {
    request: strict({ pushId: z.string().min(1).max(200).optional() }),
    response: z.object({ pushes: z.array(PushViewSchema).max(50), dropped: z.number().int().nonnegative() }),
  },
  'policies.syncMatrix': { request: strict({}), response: SyncMatrixSchema },
  'blocks.add': { request: strict({ condition: z.unknown() }), response: PushStartSchema },
  'blocks.remove': { request: strict({ conditionId: z.string().min(1).max(600) }), response: PushStartSchema },
  'counters.reset': { request: strict({ throttleKey: z.string().min(1).max(1_000) }), response: PushStartSchema },
  'audit.read': {
    request: strict({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    response: z.object({
      records: z.array(AuditRecordSchema).max(200),
      total: z.number().int().nonnegative(),
      nextOffset: z.number().int().nullable(),
      warnings: z.array(Text).max(20),
    }),
  },
  'audit.export': {
    request: strict({ format: z.enum(['csv', 'json']) }),
    response: z.object({
      fileName: z.string(),
      text: z.string().max(MAX_EXPORT_BYTES),
      records: z.number().int().nonnegative(),
      /** Records left out (oldest first) to keep the file under its size cap. */
      truncated: z.number().int().nonnegative(),
      warnings: z.array(Text).max(20),
    }),
  },
} as const;

export const policyEvents = {
  /** A push's progress: sent → acknowledged by X after N failovers → synced n/N, or failed with reasons. */
  'policies.push': PushViewSchema,
  /** Something to fetch again: the catalog, what TMs report, or the audit log. */
  'policies.changed': z.object({ what: z.enum(['catalog', 'tm-state', 'audit']) }),
  /** A problem the operator should see (an audit record that could not be written). */
  'policies.problem': z.object({ message: Text }),
} as const;

export const POLICY_EXPORT_MAX_BYTES = MAX_EXPORT_BYTES;
export type CatalogSummary = z.output<typeof CatalogSummarySchema>;
export type PushStartResult = z.output<typeof PushStartSchema>;
