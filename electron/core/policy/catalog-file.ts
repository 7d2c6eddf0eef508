import { z } from 'zod';
import { POLICY_KINDS } from './policy-names';

// The local policy catalog on disk (`policies.json` in the user data folder): every policy and
// blocking condition the operator keeps, each with its revision history and what was last
// acknowledged as deployed.

export const CATALOG_FILE_NAME = 'policies.json';
export const MAX_ENTRIES = 1_000;
/** Revisions kept per entry; older ones are dropped and counted. */
export const MAX_HISTORY = 20;
/** Deleted keys whose last revision is remembered. */
export const MAX_RETIRED = 2_000;
/** An admin REST body; a control message carrying it must stay under the TM's 256 KB. */
export const MAX_BODY_BYTES = 128 * 1024;

const Revision = z.number().int().positive();

export const CatalogRevisionSchema = z.object({
  revision: Revision,
  digest: z.string(),
  /** The admin REST body as saved, unknown fields included. */
  body: z.unknown(),
  savedAt: z.number(),
  savedBy: z.string(),
  note: z.string().nullable(),
});

export const DeployedSchema = z.object({
  revision: Revision,
  digest: z.string(),
  pushId: z.string(),
  at: z.number(),
  /** The traffic manager that acknowledged it. */
  tmId: z.string(),
});

export const CatalogEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(POLICY_KINDS),
  name: z.string(),
  /** Oldest first; the last one is the current revision. */
  revisions: z.array(CatalogRevisionSchema).min(1).max(MAX_HISTORY),
  /** The highest revision ever used for this key, undeploys included: the next is above it. */
  lastRevision: Revision,
  /** The last push a traffic manager acknowledged; null when never deployed or undeployed since. */
  deployed: DeployedSchema.nullable(),
  droppedRevisions: z.number().int().nonnegative(),
});

export const CatalogFileSchema = z.object({
  version: z.literal(1),
  entries: z.array(CatalogEntrySchema).max(MAX_ENTRIES),
  /** Last revisions of deleted keys: a policy saved again continues above what TMs may hold. */
  retired: z.record(z.string(), Revision),
});

export type CatalogRevision = z.output<typeof CatalogRevisionSchema>;
export type CatalogEntry = z.output<typeof CatalogEntrySchema>;
export type Deployed = z.output<typeof DeployedSchema>;
export type CatalogFile = z.output<typeof CatalogFileSchema>;

export const EMPTY_CATALOG: CatalogFile = { version: 1, entries: [], retired: {} };

export function currentRevision(entry: CatalogEntry): CatalogRevision {
  const last = entry.revisions.at(-1);
  if (!last) throw new Error(`catalog entry ${entry.key} has no revision`);
  return last;
}
