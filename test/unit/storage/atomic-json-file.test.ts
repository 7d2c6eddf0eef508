import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAtomicJsonFile, type AtomicJsonFileOptions } from '../../../electron/core/storage/atomic-json-file';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage/storage-fs';

const Counter = z.object({ n: z.number().int().nonnegative(), tags: z.array(z.string()).default([]) }).strict();
type Counter = z.output<typeof Counter>;

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const STAMP = '2025-01-02T03-04-05.678Z';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-atomic-'));
  made.push(dir);
  return dir;
}

function fileIn(dir: string, extra: Partial<AtomicJsonFileOptions<Counter>> = {}) {
  return createAtomicJsonFile<Counter>({
    path: join(dir, 'data.json'),
    schema: Counter,
    fallback: () => ({ n: 0, tags: [] }),
    clock: () => T0,
    ...extra,
  });
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** The real file system with a log of calls and a hook to fail or hold any of them. */
function recordingFs(hook: (op: string, path: string) => Promise<void> | void = () => undefined) {
  const calls: string[] = [];
  const fs: StorageFs = {
    async readBytes(path, max) {
      await hook('readBytes', path);
      return nodeStorageFs.readBytes(path, max);
    },
    async writeNew(path, data) {
      calls.push(`writeNew ${path}`);
      await hook('writeNew', path);
      return nodeStorageFs.writeNew(path, data);
    },
    async copyNew(from, to) {
      calls.push(`copyNew ${from} -> ${to}`);
      await hook('copyNew', to);
      return nodeStorageFs.copyNew(from, to);
    },
    async rename(from, to) {
      calls.push(`rename ${from} -> ${to}`);
      await hook('rename', to);
      return nodeStorageFs.rename(from, to);
    },
    async remove(path) {
      calls.push(`remove ${path}`);
      return nodeStorageFs.remove(path);
    },
    async syncDir(dir) {
      calls.push(`syncDir ${dir}`);
      await hook('syncDir', dir);
      return nodeStorageFs.syncDir(dir);
    },
  };
  return { fs, calls };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('atomic JSON file: reading', () => {
  it('gives the default for a missing file and creates nothing', async () => {
    const dir = await tempDir();
    expect(await fileIn(dir).read()).toEqual({ value: { n: 0, tags: [] }, source: 'default', warnings: [] });
    expect(await listing(dir)).toEqual([]);
  });

  it('reads back what it wrote, pretty-printed, with no temporary files left', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    expect(await file.write({ n: 1, tags: ['a'] })).toEqual({ ok: true, warnings: [] });
    expect(await file.read()).toEqual({ value: { n: 1, tags: ['a'] }, source: 'file', warnings: [] });
    expect(await readFile(file.path, 'utf8')).toBe('{\n  "n": 1,\n  "tags": [\n    "a"\n  ]\n}\n');
    expect(await listing(dir)).toEqual(['data.json']);
  });

  it('keeps the previous good version as <file>.bak', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await file.write({ n: 1, tags: [] });
    await file.write({ n: 2, tags: [] });
    await file.write({ n: 3, tags: [] });
    expect(JSON.parse(await readFile(file.backupPath, 'utf8'))).toEqual({ n: 2, tags: [] });
    expect(await listing(dir)).toEqual(['data.json', 'data.json.bak']);
  });

  it.each([
    ['bad JSON', '{"n": 4,', /it is not valid JSON \(/],
    ['a schema failure', '{"n": -1}', /its content is not valid \(n: Too small/],
    ['an unknown key', '{"n": 1, "x": 2}', /its content is not valid \(\(top level\): Unrecognized key: "x"\)/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /it is not UTF-8 text/],
  ])('falls back to the backup on %s, keeps the damaged file aside and restores the backup', async (_, bad, reason) => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await file.write({ n: 1, tags: [] });
    await file.write({ n: 2, tags: [] });
    await writeFile(file.path, bad);

    const read = await file.read();
    expect(read.value).toEqual({ n: 1, tags: [] });
    expect(read.source).toBe('backup');
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]?.path).toBe(file.path);
    expect(read.warnings[0]?.message).toMatch(reason);
    expect(read.warnings[0]?.message).toContain(`It was kept as ${file.path}.corrupt-${STAMP}`);
    expect(read.warnings[0]?.message).toContain(
      `the previous version from ${file.backupPath} is in use and was restored.`,
    );
    expect(await readFile(`${file.path}.corrupt-${STAMP}`)).toEqual(Buffer.from(bad));
    expect(await file.read()).toEqual({ value: { n: 1, tags: [] }, source: 'file', warnings: [] });
  });

  it('treats a file over the size limit as damaged without reading it', async () => {
    const dir = await tempDir();
    const file = fileIn(dir, { maxBytes: 64 });
    await file.write({ n: 1, tags: [] });
    await file.write({ n: 2, tags: [] });
    await writeFile(file.path, JSON.stringify({ n: 3, tags: ['x'.repeat(100)] }));
    const read = await file.read();
    expect(read.value.n).toBe(1);
    expect(read.warnings[0]?.message).toMatch(/it is 1\d\d bytes, more than the limit of 64 bytes/);
  });

  it('restores a missing file from its backup and says so', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await writeFile(file.backupPath, '{"n": 7}');
    const read = await file.read();
    expect(read).toMatchObject({ value: { n: 7, tags: [] }, source: 'backup' });
    expect(read.warnings[0]?.message).toBe(
      `${file.path} is missing; the previous version from ${file.backupPath} is in use and was restored.`,
    );
    expect(await readFile(file.path, 'utf8')).toBe('{"n": 7}');
  });

  it('reports both files when both are damaged, uses the default and changes nothing', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await writeFile(file.path, 'garbage');
    await writeFile(file.backupPath, '{"n": "x"}');
    const read = await file.read();
    expect(read.value).toEqual({ n: 0, tags: [] });
    expect(read.source).toBe('default');
    expect(read.warnings.map((w) => w.path)).toEqual([file.path, file.backupPath]);
    expect(read.warnings[0]?.message).toMatch(/data\.json is damaged: it is not valid JSON .*the defaults are in use/);
    expect(read.warnings[1]?.message).toMatch(/data\.json\.bak is damaged too: its content is not valid \(n: /);
    expect(await listing(dir)).toEqual(['data.json', 'data.json.bak']);
    expect(await readFile(file.path, 'utf8')).toBe('garbage');
    expect(await readFile(file.backupPath, 'utf8')).toBe('{"n": "x"}');
  });

  it('never loses a damaged file when writing over it, nor a damaged backup when rotating', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await writeFile(file.path, 'garbage');
    await writeFile(file.backupPath, 'old garbage');

    const first = await file.write({ n: 1, tags: [] });
    expect(first.ok).toBe(true);
    expect(first.warnings[0]?.message).toContain(`it was kept as ${file.path}.corrupt-${STAMP} before being replaced`);
    expect(await readFile(`${file.path}.corrupt-${STAMP}`, 'utf8')).toBe('garbage');

    const second = await file.write({ n: 2, tags: [] });
    expect(second.warnings[0]?.message).toContain(`it was kept as ${file.backupPath}.corrupt-${STAMP}.`);
    expect(await readFile(`${file.backupPath}.corrupt-${STAMP}`, 'utf8')).toBe('old garbage');
    expect(JSON.parse(await readFile(file.backupPath, 'utf8'))).toEqual({ n: 1, tags: [] });
  });

  it('picks a fresh name when a copy with the same time already exists', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await writeFile(`${file.path}.corrupt-${STAMP}`, 'earlier');
    await writeFile(file.path, 'garbage');
    const written = await file.write({ n: 1, tags: [] });
    expect(written.warnings[0]?.message).toContain(`kept as ${file.path}.corrupt-${STAMP}-2 `);
    expect(await readFile(`${file.path}.corrupt-${STAMP}`, 'utf8')).toBe('earlier');
    expect(await readFile(`${file.path}.corrupt-${STAMP}-2`, 'utf8')).toBe('garbage');
  });

  it('uses the backup when the file cannot be read, and refuses to replace it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const { fs } = recordingFs((op, at) => {
      if (op === 'readBytes' && at === path) throw errno('EACCES');
    });
    const file = fileIn(dir, { fs });
    await writeFile(path, '{"n": 9}');
    await writeFile(file.backupPath, '{"n": 8}');
    const read = await file.read();
    expect(read).toMatchObject({ value: { n: 8 }, source: 'backup' });
    expect(read.warnings[0]?.message).toMatch(/data\.json cannot be read \(EACCES: simulated\); .* left as it is/);
    const written = await file.write({ n: 10, tags: [] });
    expect(written).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot be read .* so it was not replaced/),
    });
    expect(await readFile(path, 'utf8')).toBe('{"n": 9}');
  });
});

describe('atomic JSON file: writing', () => {
  it('writes a temp file in the same folder, flushes it, renames it over the target, then flushes the folder', async () => {
    const dir = await tempDir();
    const { fs, calls } = recordingFs();
    const file = fileIn(dir, { fs });
    await file.write({ n: 1, tags: [] });
    await file.write({ n: 2, tags: [] });
    const tmp = (line: string | undefined) => line?.match(/data\.json(\.bak)?\.\d+-\d+\.tmp/)?.[0];
    // Second write: the backup is replaced first (same way), then the file itself.
    const second = calls.slice(3);
    expect(second.map((c) => c.split(' ')[0])).toEqual([
      'writeNew',
      'rename',
      'syncDir',
      'writeNew',
      'rename',
      'syncDir',
    ]);
    expect(second[0]).toBe(`writeNew ${join(dir, tmp(second[0]) ?? '?')}`);
    expect(tmp(second[0])).toMatch(/^data\.json\.bak\./);
    expect(second[1]).toBe(`rename ${join(dir, tmp(second[0]) ?? '?')} -> ${file.backupPath}`);
    expect(second[4]).toBe(`rename ${join(dir, tmp(second[3]) ?? '?')} -> ${file.path}`);
    expect(second[5]).toBe(`syncDir ${dir}`);
  });

  it('refuses a value that fails the schema and leaves the file alone', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    await file.write({ n: 1, tags: [] });
    const result = await file.write({ n: -5, tags: [] });
    expect(result).toEqual({
      ok: false,
      error: `Refused to write ${file.path}: n: Too small: expected number to be >=0.`,
      warnings: [],
    });
    expect((await file.read()).value.n).toBe(1);
  });

  it('refuses a value larger than the size limit', async () => {
    const file = fileIn(await tempDir(), { maxBytes: 32 });
    const result = await file.write({ n: 1, tags: ['x'.repeat(40)] });
    expect(result.ok ? '' : result.error).toMatch(/bytes is more than the limit of 32 bytes/);
  });

  it('keeps the old file and removes the temp file when the rename fails', async () => {
    const dir = await tempDir();
    let failRename = false;
    const { fs } = recordingFs((op) => {
      if (op === 'rename' && failRename) throw errno('EXDEV');
    });
    const file = fileIn(dir, { fs });
    await file.write({ n: 1, tags: [] });
    failRename = true;
    const result = await file.write({ n: 2, tags: [] });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Could not save the backup .* \(EXDEV: simulated\)/),
    });
    expect(await listing(dir)).toEqual(['data.json']);
    expect((await fileIn(dir).read()).value.n).toBe(1);
  });

  it('reports a failed write of the file itself as an error value', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const { fs } = recordingFs((op, at) => {
      if (op === 'writeNew' && at.startsWith(`${path}.`) && !at.startsWith(`${path}.bak`)) throw errno('ENOSPC');
    });
    const result = await fileIn(dir, { fs }).write({ n: 1, tags: [] });
    expect(result).toEqual({ ok: false, error: `Could not write ${path}: ENOSPC: simulated.`, warnings: [] });
    expect(await listing(dir)).toEqual([]);
  });

  it('counts a write whose folder cannot be flushed as done, with a warning', async () => {
    const dir = await tempDir();
    const { fs } = recordingFs((op) => {
      if (op === 'syncDir') throw errno('EIO');
    });
    const file = fileIn(dir, { fs });
    expect(await file.write({ n: 1, tags: [] })).toEqual({
      ok: true,
      warnings: [
        {
          path: file.path,
          message: `${file.path} was written, but its folder could not be flushed to disk (EIO: simulated).`,
        },
      ],
    });
    expect((await fileIn(dir).read()).value.n).toBe(1);
  });

  it('runs concurrent updates one after another, so none is lost', async () => {
    const file = fileIn(await tempDir());
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        file.update((current) => ({ next: { n: current.n + 1, tags: [...current.tags, `t${i}`] }, result: current.n })),
      ),
    );
    expect(results.map((r) => (r.ok ? r.result : -1))).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const read = await file.read();
    expect(read.value.n).toBe(25);
    expect(read.value.tags).toEqual(Array.from({ length: 25 }, (_, i) => `t${i}`));
  });

  it('writes nothing when an update decides not to', async () => {
    const dir = await tempDir();
    const file = fileIn(dir);
    expect(await file.update(() => ({ result: 'unchanged' }))).toEqual({ ok: true, result: 'unchanged', warnings: [] });
    expect(await listing(dir)).toEqual([]);
  });

  it('refuses work beyond its queue limit and counts it', async () => {
    const dir = await tempDir();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fs } = recordingFs(async (op) => {
      if (op === 'writeNew') await held;
    });
    const file = fileIn(dir, { fs, queue: { maxPending: 2, maxPendingBytes: 1_000 } });
    const first = file.write({ n: 1, tags: [] });
    const second = file.write({ n: 2, tags: [] });
    const third = await file.write({ n: 3, tags: [] });
    expect(third).toMatchObject({
      ok: false,
      error: expect.stringMatching(/was not touched: too much work is waiting \(2 tasks/),
    });
    expect(file.stats()).toMatchObject({ pending: 2, dropped: 1 });
    const big = await file.write({ n: 4, tags: ['x'.repeat(2_000)] });
    expect(big.ok).toBe(false);
    expect(file.stats().dropped).toBe(2);
    release();
    expect((await first).ok && (await second).ok).toBe(true);
    expect(file.stats()).toEqual({ pending: 0, pendingBytes: 0, dropped: 2 });
    expect((await file.read()).value.n).toBe(2);
  });
});

describe('atomic JSON file: asynchronous updates', () => {
  it('holds every other read and write while an asynchronous update decides', async () => {
    const file = fileIn(await tempDir());
    await file.write({ n: 1, tags: [] });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = file.update(async (current) => {
      await gate;
      return { next: { n: current.n + 10, tags: [] }, result: 'slow' };
    });
    const write = file.write({ n: 100, tags: [] });
    const read = file.read();
    release();
    expect((await slow).ok).toBe(true);
    expect((await write).ok).toBe(true);
    expect((await read).value.n).toBe(100);
    expect(JSON.parse(await readFile(file.backupPath, 'utf8'))).toEqual({ n: 11, tags: [] });
  });
});
