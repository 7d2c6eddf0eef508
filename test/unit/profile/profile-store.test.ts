import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProfileStore, type ProfileStore } from '../../../electron/core/profile/profile-store';
import { createMemorySecretStore, type SecretStore } from '../../../electron/core/profile/secret-store';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage/storage-fs';

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0, 0);

function lab(name = 'Lab', urls: string[] = ['mqtt://10.0.0.1:1883', 'mqtt://10.0.0.2:1883']) {
  return { name, brokers: urls.map((url, i) => ({ id: `tm${i + 1}`, label: `TM ${i + 1}`, url })) };
}

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function setup(options: { secrets?: SecretStore; fs?: StorageFs } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-profiles-'));
  made.push(dir);
  const secrets = options.secrets ?? createMemorySecretStore();
  let refs = 0;
  const store: ProfileStore = createProfileStore({
    dir,
    secrets,
    clock: () => T0,
    newSecretRef: () => `ref-${++refs}`,
    ...(options.fs ? { fs: options.fs } : {}),
  });
  return { dir, secrets, store };
}

async function names(store: ProfileStore): Promise<string[]> {
  return (await store.list()).profiles.map((p) => p.name);
}

describe('profile store: create, update, list', () => {
  it('starts empty without creating a file', async () => {
    const { dir, store } = await setup();
    expect(await store.list()).toEqual({ profiles: [], warnings: [] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves a new profile with its defaults filled in, as version 1 of profiles.json', async () => {
    const { store } = await setup();
    const saved = await store.save(lab());
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value.failover.mode).toBe('priority');
    expect(saved.value.topics.throttleData).toBe('throttleData');
    const onDisk = JSON.parse(await readFile(store.path, 'utf8')) as { version: number; profiles: unknown[] };
    expect(onDisk.version).toBe(1);
    expect(onDisk.profiles).toEqual([saved.value]);
    expect(await store.get('Lab')).toEqual({ ok: true, value: saved.value, warnings: [] });
  });

  it('answers invalid input with field paths and messages, and writes nothing', async () => {
    const { dir, store } = await setup();
    const result = await store.save({ name: '', brokers: [{ id: 'a b', label: 'A', url: 'tcp://h:5672' }] });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'brokers.0.id', message: 'use 1–64 letters, digits, "-" or "_"' },
        { path: 'brokers.0.url', message: 'scheme "tcp:" is not supported (use mqtt://, mqtts://, ws:// or wss://)' },
      ],
      warnings: [],
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps names unique regardless of case and spaces', async () => {
    const { store } = await setup();
    await store.save(lab('Lab'));
    expect(await store.save(lab('lab '))).toEqual({
      ok: false,
      errors: [{ path: 'name', message: 'a profile named "Lab" already exists' }],
      warnings: [],
    });
    expect(await names(store)).toEqual(['Lab']);
  });

  it('updates in place (broker order included), renaming when the name changes', async () => {
    const { store } = await setup();
    await store.save(lab('A'));
    await store.save(lab('B'));
    const reordered = lab('A2', ['mqtt://10.0.0.2:1883', 'mqtt://10.0.0.1:1883']);
    const saved = await store.save(reordered, { replacing: 'A' });
    expect(saved.ok && saved.value.brokers.map((b) => b.url)).toEqual(['mqtt://10.0.0.2:1883', 'mqtt://10.0.0.1:1883']);
    expect(await names(store)).toEqual(['A2', 'B']);
    expect(await store.save(lab('B'), { replacing: 'A2' })).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: 'a profile named "B" already exists' }],
    });
    expect(await store.save(lab('C'), { replacing: 'nope' })).toMatchObject({
      ok: false,
      errors: [{ path: '', message: 'there is no profile named "nope"' }],
    });
  });

  it('runs concurrent saves one at a time so none is lost', async () => {
    const { store } = await setup();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.save(lab(`P${i}`))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await names(store)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `P${i}`).sort());
  });
});

describe('profile store: secrets', () => {
  it('stores the password in the secret store and only its reference in the file', async () => {
    const { store, secrets } = await setup();
    const saved = await store.save({ ...lab(), username: 'admin' }, { password: 'pa55-w0rd' });
    expect(saved.ok && saved.value.passwordRef).toBe('ref-1');
    expect(await secrets.get('ref-1')).toBe('pa55-w0rd');
    expect(await readFile(store.path, 'utf8')).not.toContain('pa55-w0rd');

    // An edit that says nothing about the password keeps it, even without carrying the reference.
    const edited = await store.save({ ...lab(), username: 'admin', mqttVersion: '5' }, { replacing: 'Lab' });
    expect(edited.ok && edited.value.passwordRef).toBe('ref-1');
    const changed = await store.save({ ...lab(), username: 'admin' }, { replacing: 'Lab', password: 'new' });
    expect(changed.ok && changed.value.passwordRef).toBe('ref-1');
    expect(await secrets.get('ref-1')).toBe('new');

    const cleared = await store.save({ ...lab(), username: 'admin' }, { replacing: 'Lab', password: null });
    expect(cleared.ok && cleared.value.passwordRef).toBeUndefined();
    expect(await secrets.get('ref-1')).toBeUndefined();
  });

  it('stores the TLS key passphrase the same way', async () => {
    const { store, secrets } = await setup();
    const input = { ...lab(), tls: { certFile: '/c.pem', keyFile: '/k.pem' } };
    const saved = await store.save(input, { keyPassphrase: 'open sesame' });
    expect(saved.ok && saved.value.tls.keyPassphraseRef).toBe('ref-1');
    expect(await secrets.get('ref-1')).toBe('open sesame');
  });

  it('refuses a password without a username and stores no secret', async () => {
    const { store, secrets } = await setup();
    expect(await store.save(lab(), { password: 'x' })).toEqual({
      ok: false,
      errors: [{ path: 'username', message: 'a password needs a username' }],
      warnings: [],
    });
    expect(await secrets.get('ref-1')).toBeUndefined();
  });

  it('names the field when the secret store refuses, and saves nothing', async () => {
    const refusing: SecretStore = {
      get: async () => undefined,
      set: async () => {
        throw new Error('Cannot store the secret: no keyring is available.');
      },
      delete: async () => undefined,
    };
    const { dir, store } = await setup({ secrets: refusing });
    expect(await store.save({ ...lab(), username: 'u' }, { password: 'x' })).toEqual({
      ok: false,
      errors: [{ path: 'password', message: 'Cannot store the secret: no keyring is available.' }],
      warnings: [],
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes the new secret again when the file cannot be written', async () => {
    const failing: StorageFs = {
      ...nodeStorageFs,
      writeNew: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const { store, secrets } = await setup({ fs: failing });
    const result = await store.save({ ...lab(), username: 'u' }, { password: 'x' });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/^Could not write .*profiles\.json: ENOSPC/) }],
    });
    expect(await secrets.get('ref-1')).toBeUndefined();
  });
});

describe('profile store: a save whose file cannot be written', () => {
  it('puts a replaced password back, so the profile on disk keeps working with it', async () => {
    let full = false;
    const filling: StorageFs = {
      ...nodeStorageFs,
      writeNew: async (...args) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return nodeStorageFs.writeNew(...args);
      },
    };
    const { store, secrets } = await setup({ fs: filling });
    expect(await store.save({ ...lab(), username: 'u' }, { password: 'old' })).toMatchObject({ ok: true });
    full = true;
    const result = await store.save({ ...lab(), username: 'u' }, { replacing: 'Lab', password: 'new' });
    expect(result).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/ENOSPC/) }] });
    expect(await secrets.get('ref-1')).toBe('old');
    expect(await store.get('Lab')).toMatchObject({ ok: true, value: { passwordRef: 'ref-1' } });
  });
});

describe('profile store: duplicate, rename, delete, last used', () => {
  it('duplicates after the original with a free name and its own copy of the secrets', async () => {
    const { store, secrets } = await setup();
    await store.save({ ...lab('Lab'), username: 'u' }, { password: 'pw' });
    await store.save(lab('Other'));
    const first = await store.duplicate('Lab');
    const second = await store.duplicate('Lab');
    expect(first.ok && first.value.name).toBe('Lab (copy)');
    expect(second.ok && second.value.name).toBe('Lab (copy 2)');
    expect(await names(store)).toEqual(['Lab', 'Lab (copy 2)', 'Lab (copy)', 'Other']);
    expect(first.ok && first.value.passwordRef).toBe('ref-2');
    expect(await secrets.get('ref-2')).toBe('pw');

    await store.delete('Lab');
    expect(await secrets.get('ref-1')).toBeUndefined();
    expect(await secrets.get('ref-2')).toBe('pw');
    expect(await store.duplicate('Lab')).toMatchObject({
      ok: false,
      errors: [{ message: 'there is no profile named "Lab"' }],
    });
    expect(await store.duplicate('Other', 'lab (COPY)')).toMatchObject({
      ok: false,
      errors: [{ path: 'name', message: 'a profile named "Lab (copy)" already exists' }],
    });
  });

  it('keeps a copy name within the length limit', async () => {
    const { store } = await setup();
    const long = 'x'.repeat(120);
    await store.save(lab(long));
    const copy = await store.duplicate(long);
    expect(copy.ok && copy.value.name).toBe(`${'x'.repeat(113)} (copy)`);
  });

  it('renames, refusing a taken or invalid name, and the last-used mark follows', async () => {
    const { store } = await setup();
    await store.save(lab('A'));
    await store.save(lab('B'));
    await store.setLastUsed('A');
    expect(await store.rename('A', 'b')).toMatchObject({ ok: false, errors: [{ path: 'name' }] });
    expect(await store.rename('A', '')).toMatchObject({ ok: false, errors: [{ path: 'name' }] });
    expect((await store.rename('A', 'Alpha')).ok).toBe(true);
    expect(await store.list()).toMatchObject({ lastUsed: 'Alpha' });
    expect(await names(store)).toEqual(['Alpha', 'B']);
  });

  it('deletes a profile and forgets it as last used', async () => {
    const { store } = await setup();
    await store.save(lab('A'));
    await store.setLastUsed('A');
    expect(await store.delete('A')).toEqual({ ok: true, value: null, warnings: [] });
    expect(await store.list()).toEqual({ profiles: [], warnings: [] });
    expect(await store.delete('A')).toMatchObject({
      ok: false,
      errors: [{ message: 'there is no profile named "A"' }],
    });
    expect(await store.setLastUsed('A')).toMatchObject({ ok: false });
  });
});

describe('profile store: damaged files', () => {
  it('uses the backup when profiles.json is damaged and tells the UI', async () => {
    const { dir, store } = await setup();
    await store.save(lab('A'));
    await store.save(lab('B'));
    await writeFile(store.path, '{"version": 1, "profiles": [{"name": "A"}]}');
    const list = await store.list();
    expect(list.profiles.map((p) => p.name)).toEqual(['A']);
    expect(list.warnings).toHaveLength(1);
    expect(list.warnings[0]?.path).toBe(store.path);
    expect(list.warnings[0]?.message).toMatch(
      /profiles\.json is damaged \(its content is not valid \(profiles\.0\.brokers: /,
    );
    expect(await readdir(dir)).toContain('profiles.json.corrupt-2025-06-01T12-00-00.000Z');
  });

  it('starts empty with both problems reported when the backup is damaged too, and keeps both', async () => {
    const { dir, store } = await setup();
    await writeFile(store.path, '{');
    await writeFile(`${store.path}.bak`, '{"version": 2, "profiles": []}');
    const list = await store.list();
    expect(list.profiles).toEqual([]);
    expect(list.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/profiles\.json is damaged: it is not valid JSON/),
      expect.stringMatching(
        /profiles\.json\.bak is damaged too: its content is not valid \(version: Invalid input: expected 1\)/,
      ),
    ]);
    const saved = await store.save(lab('New'));
    expect(saved.ok).toBe(true);
    expect(saved.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/profiles\.json was damaged .* kept as .*profiles\.json\.corrupt-.* before being replaced/),
    );
    expect((await readdir(dir)).sort()).toEqual([
      'profiles.json',
      'profiles.json.bak',
      'profiles.json.corrupt-2025-06-01T12-00-00.000Z',
    ]);
  });

  it('treats a file with a duplicated name as damaged', async () => {
    const { store } = await setup();
    await writeFile(store.path, JSON.stringify({ version: 1, profiles: [lab('A'), lab('a')] }));
    const list = await store.list();
    expect(list.warnings[0]?.message).toMatch(/profiles\.1\.name: the name "a" is used twice/);
  });
});
