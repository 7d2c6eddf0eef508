import type { AuditRecord } from '../../../../electron/core/policy/audit-record-schema';

/** A push writes one record of each type, so type and push id name a record. */
const recordKey = (record: AuditRecord): string => `${record.type}:${record.pushId}`;

/** A page of the audit log merged into the records held: newest first, each record once. */
export function mergeAuditRecords(held: readonly AuditRecord[], page: readonly AuditRecord[]): AuditRecord[] {
  const seen = new Set<string>();
  return [...page, ...held]
    .filter((record) => {
      const key = recordKey(record);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => b.at - a.at);
}

/**
 * The newest page of the log merged into the records held, which must stay the newest records
 * without a hole: the next older page is read from their count. A full page that shares no
 * record with them means more were written since (by the command line too) than a page holds,
 * so the page replaces them; the older ones are a "load older" away.
 */
export function mergeNewestPage(
  held: readonly AuditRecord[],
  page: readonly AuditRecord[],
  pageSize: number,
): AuditRecord[] {
  const known = new Set(held.map(recordKey));
  const joins = page.length < pageSize || page.some((record) => known.has(recordKey(record)));
  return mergeAuditRecords(joins ? held : [], page);
}
