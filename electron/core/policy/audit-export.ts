import type { AuditRecord } from './audit-record';

// The audit log as a file an operator hands on: CSV (one row per record, RFC 4180 quoting) or
// JSON (an array of the records as they are stored).

export const CSV_COLUMNS = [
  'at',
  'type',
  'user',
  'source',
  'pushId',
  'kind',
  'subject',
  'key',
  'revision',
  'digest',
  'outcome',
  'ackedBy',
  'failovers',
  'attempts',
  'latencyMs',
  'synced',
  'lagging',
  'reasons',
] as const;

/** Quotes a cell when needed; a leading =, +, - or @ is defused so spreadsheets do not run it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cells(record: AuditRecord): Record<(typeof CSV_COLUMNS)[number], string> {
  const base = {
    at: new Date(record.at).toISOString(),
    type: record.type,
    user: record.user,
    source: record.source,
    pushId: record.pushId,
    kind: record.kind,
    subject: record.subject,
    key: record.key,
    revision: String(record.revision),
    outcome: record.outcome,
  };
  if (record.type === 'push') {
    return {
      ...base,
      digest: record.digest ?? '',
      ackedBy: record.ackedBy ? `${record.ackedBy.tmId} (${record.ackedBy.status})` : '',
      failovers: String(record.failovers),
      attempts: record.attempts.map((a) => `${a.brokerId}:${a.outcome}`).join(' '),
      latencyMs: record.latencyMs === null ? '' : String(record.latencyMs),
      synced: '',
      lagging: '',
      reasons: record.reasons.join(' | '),
    };
  }
  return {
    ...base,
    digest: '',
    ackedBy: '',
    failovers: '',
    attempts: '',
    latencyMs: String(record.afterMs),
    synced: `${record.synced}/${record.total}`,
    lagging: record.lagging.map((l) => `${l.tmId ?? l.brokerId} ${l.reason}`).join(' | '),
    reasons: '',
  };
}

export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records) {
    const row = cells(record);
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function auditJson(records: readonly AuditRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
