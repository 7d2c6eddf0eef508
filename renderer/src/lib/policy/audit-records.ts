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
