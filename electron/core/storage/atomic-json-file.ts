import { dirname } from 'node:path';
import type { z } from 'zod';
import { describeError, describeIssues, inspectJsonFile, type Inspection } from './json-file-inspect';
import { createSerialQueue, type QueueLimits, type QueueStats } from './serial-queue';
import { nodeStorageFs, type StorageFs } from './storage-fs';

/** A problem with a file on disk, in words, for the UI to show. */
export interface StorageWarning {
  path: string;
  message: string;
}

export interface JsonRead<T> {
  value: T;
  /** Where the value came from: the file, its backup, or the default (nothing usable on disk). */
  source: 'file' | 'backup' | 'default';
  warnings: StorageWarning[];
}

export type JsonWrite =
  { ok: true; warnings: StorageWarning[] } | { ok: false; error: string; warnings: StorageWarning[] };

export type JsonUpdate<R> =
  { ok: true; result: R; warnings: StorageWarning[] } | { ok: false; error: string; warnings: StorageWarning[] };

/** What an update decided: a new value to write with its result, or just a result (nothing written). */
export type Change<T, R> = { next: T; result: R } | { result: R };

export interface AtomicJsonFileOptions<T> {
  path: string;
  schema: z.ZodType<T>;
  /** The value when nothing usable is on disk. */
  fallback: () => T;
  /** Names the copies of damaged files. */
  clock: () => number;
  fs?: StorageFs;
  maxBytes?: number;
  queue?: QueueLimits;
}

export interface AtomicJsonFile<T> {
  readonly path: string;
  readonly backupPath: string;
  read(): Promise<JsonRead<T>>;
  write(value: T): Promise<JsonWrite>;
  /**
   * Read, decide and write as one step: no other read or write of this file runs in between,
   * including while an asynchronous `change` waits.
   */
  update<R>(change: (current: T) => Change<T, R> | Promise<Change<T, R>>): Promise<JsonUpdate<R>>;
  stats(): QueueStats;
}

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
const DEFAULT_QUEUE: QueueLimits = { maxPending: 64, maxPendingBytes: 4 * DEFAULT_MAX_FILE_BYTES };
const MAX_ASIDE_NAME_TRIES = 20;

/**
 * A JSON file that is never half-written and never silently lost. A write goes to a temporary
 * file that is flushed and renamed over the target, after the previous good version is saved as
 * `<file>.bak`. A damaged file is copied to `<file>.corrupt-<time>` before anything replaces it,
 * and the backup is used in its place. Every outcome is a value; nothing throws.
 */
export function createAtomicJsonFile<T>(options: AtomicJsonFileOptions<T>): AtomicJsonFile<T> {
  const { path, schema, fallback, clock } = options;
  const fs = options.fs ?? nodeStorageFs;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const queue = createSerialQueue(options.queue ?? DEFAULT_QUEUE);
  const backupPath = `${path}.bak`;
  let tempCounter = 0;

  const inspect = (at: string): Promise<Inspection<T>> => inspectJsonFile(fs, at, schema, maxBytes);
  const warn = (at: string, message: string): StorageWarning => ({ path: at, message });

  /**
   * Temp file in the same directory, flushed, renamed over `target`; undefined when done, else
   * why not. A folder that cannot be flushed after the rename is only a warning: the data is there.
   */
  async function replace(target: string, bytes: Uint8Array, warnings: StorageWarning[]): Promise<string | undefined> {
    tempCounter += 1;
    const temp = `${target}.${process.pid}-${tempCounter}.tmp`;
    try {
      await fs.writeNew(temp, bytes);
      await fs.rename(temp, target);
    } catch (error) {
      await fs.remove(temp).catch(() => undefined);
      return describeError(error);
    }
    try {
      await fs.syncDir(dirname(target));
    } catch (error) {
      const reason = describeError(error);
      warnings.push(warn(target, `${target} was written, but its folder could not be flushed to disk (${reason}).`));
    }
    return undefined;
  }

  /** Copies a damaged file to a fresh `.corrupt-<time>` name; the name, or why it failed. */
  async function keepAside(at: string): Promise<{ ok: true; aside: string } | { ok: false; error: string }> {
    const stamp = new Date(clock()).toISOString().replace(/:/g, '-');
    let lastError = '';
    for (let attempt = 1; attempt <= MAX_ASIDE_NAME_TRIES; attempt += 1) {
      const aside = attempt === 1 ? `${at}.corrupt-${stamp}` : `${at}.corrupt-${stamp}-${attempt}`;
      try {
        await fs.copyNew(at, aside);
        return { ok: true, aside };
      } catch (error) {
        lastError = describeError(error);
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break;
      }
    }
    return { ok: false, error: lastError };
  }

  async function readNow(): Promise<JsonRead<T>> {
    const main = await inspect(path);
    if (main.state === 'good') return { value: main.value, source: 'file', warnings: [] };
    const backup = await inspect(backupPath);
    if (backup.state !== 'good') {
      const warnings: StorageWarning[] = [];
      if (main.state === 'damaged' || main.state === 'unreadable') {
        const what = main.state === 'damaged' ? 'is damaged' : 'cannot be read';
        warnings.push(
          warn(
            path,
            `${path} ${what}: ${main.problem}. Nothing usable was found, so the defaults are in use; the file was left as it is.`,
          ),
        );
      }
      if (backup.state === 'damaged' || backup.state === 'unreadable') {
        const what = backup.state === 'damaged' ? 'is damaged too' : 'cannot be read';
        warnings.push(warn(backupPath, `The backup ${backupPath} ${what}: ${backup.problem}. It was left as it is.`));
      }
      return { value: fallback(), source: 'default', warnings };
    }
    const warnings: StorageWarning[] = [];
    warnings.unshift(await recover(main, backup.bytes, warnings));
    return { value: backup.value, source: 'backup', warnings };
  }

  /** The main file is missing, damaged or unreadable and the backup is good: put the backup back. */
  async function recover(
    main: Inspection<T>,
    backupBytes: Uint8Array,
    warnings: StorageWarning[],
  ): Promise<StorageWarning> {
    const using = `the previous version from ${backupPath} is in use`;
    if (main.state === 'unreadable') {
      return warn(
        path,
        `${path} cannot be read (${main.problem}); ${using}. Fix the file's permissions; it was left as it is.`,
      );
    }
    let said = `${path} is missing; ${using}`;
    if (main.state === 'damaged') {
      const kept = await keepAside(path);
      if (!kept.ok) {
        return warn(
          path,
          `${path} is damaged (${main.problem}) and could not be copied aside (${kept.error}); ${using}, and ${path} was left as it is.`,
        );
      }
      said = `${path} is damaged (${main.problem}). It was kept as ${kept.aside}, and ${using}`;
    }
    const failed = await replace(path, backupBytes, warnings);
    return warn(path, failed ? `${said}, but restoring it failed (${failed}).` : `${said} and was restored.`);
  }

  /** Saves the current good version as the backup, moves a damaged one aside, then replaces. */
  async function commit(bytes: Uint8Array): Promise<JsonWrite> {
    const warnings: StorageWarning[] = [];
    const refuse = (error: string): JsonWrite => ({ ok: false, error, warnings });
    const main = await inspect(path);
    if (main.state === 'unreadable') {
      return refuse(`${path} cannot be read (${main.problem}), so it was not replaced. Fix the file's permissions.`);
    }
    if (main.state === 'damaged') {
      const kept = await keepAside(path);
      if (!kept.ok)
        return refuse(`${path} is damaged and could not be copied aside (${kept.error}), so it was not replaced.`);
      warnings.push(
        warn(path, `${path} was damaged (${main.problem}); it was kept as ${kept.aside} before being replaced.`),
      );
    }
    if (main.state === 'good') {
      const backup = await inspect(backupPath);
      if (backup.state === 'unreadable') {
        return refuse(
          `The backup ${backupPath} cannot be read (${backup.problem}), so nothing was replaced. Fix its permissions.`,
        );
      }
      if (backup.state === 'damaged') {
        const kept = await keepAside(backupPath);
        if (!kept.ok)
          return refuse(
            `The backup ${backupPath} is damaged and could not be copied aside (${kept.error}), so nothing was replaced.`,
          );
        warnings.push(
          warn(backupPath, `The backup ${backupPath} was damaged (${backup.problem}); it was kept as ${kept.aside}.`),
        );
      }
      const failed = await replace(backupPath, main.bytes, warnings);
      if (failed) return refuse(`Could not save the backup ${backupPath} (${failed}), so ${path} was not replaced.`);
    }
    const failed = await replace(path, bytes, warnings);
    return failed ? refuse(`Could not write ${path}: ${failed}.`) : { ok: true, warnings };
  }

  /** Validated and serialized before it is queued, so a bad value never waits and never lands. */
  function serialize(value: T): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return { ok: false, error: `Refused to write ${path}: ${describeIssues(parsed.error)}.` };
    const bytes = new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
    if (bytes.byteLength > maxBytes) {
      return {
        ok: false,
        error: `Refused to write ${path}: ${bytes.byteLength} bytes is more than the limit of ${maxBytes} bytes.`,
      };
    }
    return { ok: true, bytes };
  }

  const busy = (reason: string): string => `${path} was not touched: ${reason}.`;

  return {
    path,
    backupPath,

    async read() {
      const done = await queue.run(0, readNow);
      return done.ok ? done.value : { value: fallback(), source: 'default', warnings: [warn(path, busy(done.reason))] };
    },

    async write(value) {
      const serialized = serialize(value);
      if (!serialized.ok) return { ok: false, error: serialized.error, warnings: [] };
      const done = await queue.run(serialized.bytes.byteLength, () => commit(serialized.bytes));
      return done.ok ? done.value : { ok: false, error: busy(done.reason), warnings: [] };
    },

    async update<R>(change: (current: T) => Change<T, R> | Promise<Change<T, R>>): Promise<JsonUpdate<R>> {
      const done = await queue.run(0, async (): Promise<JsonUpdate<R>> => {
        const current = await readNow();
        const decided = await change(current.value);
        if (!('next' in decided)) return { ok: true, result: decided.result, warnings: current.warnings };
        const serialized = serialize(decided.next);
        if (!serialized.ok) return { ok: false, error: serialized.error, warnings: current.warnings };
        const written = await commit(serialized.bytes);
        const warnings = [...current.warnings, ...written.warnings];
        return written.ok
          ? { ok: true, result: decided.result, warnings }
          : { ok: false, error: written.error, warnings };
      });
      return done.ok ? done.value : { ok: false, error: busy(done.reason), warnings: [] };
    },

    stats: () => queue.stats(),
  };
}
