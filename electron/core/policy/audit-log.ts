import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSerialQueue, type QueueStats } from '../storage/serial-queue';
import { AuditRecordSchema, type AuditRecord } from './audit-record';

// The audit log: append-only NDJSON in the user data folder, one record per line, each line
// written with one append and flushed. When the file would pass its size cap it becomes
// `audit.1.ndjson` (older ones move up, the oldest beyond `keepFiles` is deleted) and a new one
// starts. Lines that do not parse (a crash mid-write, a hand edit) are skipped and counted.

export const AUDIT_FILE_NAME = 'audit.ndjson';

export interface AuditLogOptions {
  dir: string;
  /** Size at which the current file is rotated. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one. */
  keepFiles?: number;
}

export type AuditAppend = { ok: true } | { ok: false; error: string };

export interface AuditPage {
  /** Newest first. */
  records: AuditRecord[];
  total: number;
  nextOffset: number | null;
  warnings: string[];
}

export interface AuditLog {
  readonly path: string;
  append(record: AuditRecord): Promise<AuditAppend>;
  read(offset: number, limit: number): Promise<AuditPage>;
  /** Every record, newest first, up to `max`. */
  readAll(max: number): Promise<{ records: AuditRecord[]; truncated: number; warnings: string[] }>;
  stats(): QueueStats & { failed: number };
}

export const DEFAULT_AUDIT_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_KEEP_FILES = 3;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_AUDIT_FILE_BYTES;
  const keep = options.keepFiles ?? DEFAULT_KEEP_FILES;
  const path = join(options.dir, AUDIT_FILE_NAME);
  const rotated = (n: number): string => join(options.dir, `audit.${n}.ndjson`);
  const queue = createSerialQueue({ maxPending: 256, maxPendingBytes: 4 * 1024 * 1024 });
  let failed = 0;

  async function rotate(): Promise<void> {
    await rm(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      await rename(rotated(n), rotated(n + 1)).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      });
    }
    await rename(path, rotated(1));
  }

  async function appendLine(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line);
    const size = await sizeOf(path);
    if (size > 0 && size + bytes > maxFileBytes) await rotate();
    const handle = await open(path, 'a+');
    try {
      // A line cut short by a crash mid-write must not swallow this record: end it first.
      const { size: now } = await handle.stat();
      const last = Buffer.alloc(1);
      if (now > 0) await handle.read(last, 0, 1, now - 1);
      await handle.write(now > 0 && last[0] !== 0x0a ? `\n${line}` : line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Oldest file first, so records come out in the order they were written. */
  async function readRecords(): Promise<{ records: AuditRecord[]; warnings: string[] }> {
    const records: AuditRecord[] = [];
    const warnings: string[] = [];
    for (const file of [...Array.from({ length: keep }, (_, i) => rotated(keep - i)), path]) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          warnings.push(`${file} cannot be read: ${errorText(error)}`);
        continue;
      }
      let skipped = 0;
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          skipped += 1;
          continue;
        }
        const parsed = AuditRecordSchema.safeParse(json);
        if (parsed.success) records.push(parsed.data);
        else skipped += 1;
      }
      if (skipped > 0)
        warnings.push(
          `${file}: ${skipped === 1 ? '1 line' : `${skipped} lines`} could not be read and ${skipped === 1 ? 'was' : 'were'} skipped`,
        );
    }
    return { records, warnings };
  }

  return {
    path,
    async append(record) {
      const checked = AuditRecordSchema.safeParse(record);
      if (!checked.success) {
        failed += 1;
        return { ok: false, error: `not an audit record: ${checked.error.issues[0]?.message ?? 'invalid'}` };
      }
      const line = `${JSON.stringify(checked.data)}\n`;
      const done = await queue
        .run(Buffer.byteLength(line), () => appendLine(line))
        .catch((error: unknown) => ({
          ok: false as const,
          reason: errorText(error),
        }));
      if (done.ok) return { ok: true };
      failed += 1;
      return { ok: false, error: `the audit record was not written to ${path}: ${done.reason}` };
    },
    async read(offset, limit) {
      const { records, warnings } = await readRecords();
      const newestFirst = records.reverse();
      const page = newestFirst.slice(offset, offset + limit);
      const next = offset + page.length;
      return {
        records: page,
        total: newestFirst.length,
        nextOffset: next < newestFirst.length ? next : null,
        warnings,
      };
    },
    async readAll(max) {
      const { records, warnings } = await readRecords();
      const newestFirst = records.reverse();
      return { records: newestFirst.slice(0, max), truncated: Math.max(0, newestFirst.length - max), warnings };
    },
    stats: () => ({ ...queue.stats(), failed }),
  };
}
