import { constants } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';

export type ReadBytes =
  { status: 'missing' } | { status: 'too-large'; bytes: number } | { status: 'read'; bytes: Uint8Array };

/**
 * The few file operations atomic storage needs. Injected so tests can fail any step on purpose
 * and watch every byte that is written. Implementations may throw; callers turn that into values.
 */
export interface StorageFs {
  /** Whole file, or why not: missing, or larger than `maxBytes` (then it is not read at all). */
  readBytes(path: string, maxBytes: number): Promise<ReadBytes>;
  /** Creates `path` (failing with EEXIST if it exists), writes `data`, flushes it to disk. */
  writeNew(path: string, data: Uint8Array): Promise<void>;
  /** Copies `from` to `to`, failing with EEXIST if `to` exists. */
  copyNew(from: string, to: string): Promise<void>;
  /** Replaces `to` with `from` in one step. */
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Flushes a directory entry change (a rename) to disk. */
  syncDir(dir: string): Promise<void>;
}

export const nodeStorageFs: StorageFs = {
  async readBytes(path, maxBytes) {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { status: 'too-large', bytes: size };
      return { status: 'read', bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  },

  async writeNew(path, data) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },

  async copyNew(from, to) {
    await copyFile(from, to, constants.COPYFILE_EXCL);
  },

  rename,

  async remove(path) {
    await rm(path, { force: true });
  },

  async syncDir(dir) {
    // Windows cannot open a directory for fsync; its rename is already durable enough.
    if (process.platform === 'win32') return;
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
