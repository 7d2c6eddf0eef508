import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, SECRET_LIMITS } from '../../../electron/core/profile/secret-store';
import type { StorageWarning } from '../../../electron/core/storage/atomic-json-file';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage/storage-fs';
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
  type SafeStorageSecretsOptions,
} from '../../../electron/main/safe-storage-secrets';

const SECRETS = ['hunter2-Plaintext', 'pässwörd with ünïcode ✓', 'Z9!q'];

/** Stands in for the keychain: a reversible scramble that shares no bytes with the input. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}) {
  const calls = { encrypt: 0, decrypt: 0 };
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => {
      calls.encrypt += 1;
      return Buffer.concat([
        Buffer.from('v10'),
        Buffer.from(plain, 'utf8')
          .map((b) => b ^ 0xa5)
          .reverse(),
      ]);
    },
    decryptString: (encrypted) => {
      calls.decrypt += 1;
      if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(
        encrypted
          .subarray(3)
          .reverse()
          .map((b) => b ^ 0xa5),
      ).toString('utf8');
    },
    ...overrides,
  };
  return { safeStorage, calls };
}

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function setup(overrides: Partial<SafeStorageSecretsOptions> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-secrets-'));
  made.push(dir);
  const written: Uint8Array[] = [];
  const fs: StorageFs = {
    ...nodeStorageFs,
    writeNew: async (path, data) => {
      written.push(data);
      return nodeStorageFs.writeNew(path, data);
    },
  };
  const warnings: StorageWarning[] = [];
  const store = createSafeStorageSecretStore({
    safeStorage: fakeSafeStorage().safeStorage,
    dir,
    clock: () => Date.UTC(2025, 0, 1),
    onWarning: (w) => warnings.push(w),
    platform: 'linux',
    fs,
    ...overrides,
  });
  return { dir, store, written, warnings };
}

/** Every byte under `dir`, file by file. */
async function filesIn(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dir)) files.set(name, await readFile(join(dir, name)));
  return files;
}

function leaks(bytes: Uint8Array, secret: string): boolean {
  const haystack = Buffer.from(bytes);
  const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')];
  return forms.some((form) => haystack.includes(Buffer.from(form)));
}

describe('safeStorage secret store', () => {
  it('round-trips secrets while only ciphertext ever reaches the disk', async () => {
    const { dir, store, written } = await setup();
    for (const [i, secret] of SECRETS.entries()) await store.set(`ref-${i}`, secret);
    await store.set('ref-0', 'hunter3-Replaced');
    for (const [i, secret] of SECRETS.entries()) {
      expect(await store.get(`ref-${i}`)).toBe(i === 0 ? 'hunter3-Replaced' : secret);
    }
    await store.delete('ref-1');
    expect(await store.get('ref-1')).toBeUndefined();
    expect(await store.get('never-set')).toBeUndefined();

    const files = await filesIn(dir);
    expect([...files.keys()].sort()).toEqual(['secrets.json', 'secrets.json.bak']);
    expect(written.length).toBeGreaterThan(4);
    for (const secret of [...SECRETS, 'hunter3-Replaced']) {
      for (const bytes of [...written, ...files.values()]) expect(leaks(bytes, secret)).toBe(false);
    }
    const onDisk = JSON.parse(files.get('secrets.json')?.toString() ?? '') as { secrets: Record<string, string> };
    expect(Object.keys(onDisk.secrets).sort()).toEqual(['ref-0', 'ref-2']);
    expect(
      Buffer.from(onDisk.secrets['ref-2'] ?? '', 'base64')
        .subarray(0, 3)
        .toString(),
    ).toBe('v10');
  });

  it('refuses to store anything when encryption is unavailable, and writes nothing', async () => {
    const { safeStorage, calls } = fakeSafeStorage({ isEncryptionAvailable: () => false });
    const { dir, store } = await setup({ safeStorage });
    await expect(store.set('ref', 'secret')).rejects.toThrow(
      'Cannot store the secret "ref": this system offers no encryption for stored secrets (the OS keychain is not available). Nothing was written.',
    );
    expect(calls.encrypt).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses the obfuscation-only Linux backend (no keyring running)', async () => {
    const { safeStorage } = fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' });
    const { dir, store } = await setup({ safeStorage });
    await expect(store.set('ref', 'secret')).rejects.toThrow(/no keyring \(GNOME Keyring or KWallet\) is running/);
    expect(await readdir(dir)).toEqual([]);
    const elsewhere = await setup({ safeStorage, platform: 'darwin' });
    await elsewhere.store.set('ref', 'secret');
    expect(await elsewhere.store.get('ref')).toBe('secret');
  });

  it('says clearly when a stored secret cannot be decrypted', async () => {
    const { dir, store } = await setup();
    await writeFile(
      join(dir, 'secrets.json'),
      JSON.stringify({ version: 1, secrets: { ref: Buffer.from('garbage').toString('base64') } }),
    );
    await expect(store.get('ref')).rejects.toThrow(
      'The secret "ref" could not be decrypted (Error while decrypting the ciphertext); the keychain may have changed. Enter it again.',
    );
  });

  it('reports a damaged secrets file through onWarning and falls back to its backup', async () => {
    const { dir, store, warnings } = await setup();
    await store.set('a', 'first');
    await store.set('b', 'second');
    await writeFile(join(dir, 'secrets.json'), '{"version": 1, "secrets": {"a": "not base64!"}}');
    expect(await store.get('a')).toBe('first');
    expect(await store.get('b')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.path).toBe(join(dir, 'secrets.json'));
    expect(warnings[0]?.message).toMatch(/is damaged \(its content is not valid \(secrets\.a: not base64\)\)/);
  });

  it('refuses values and references outside the limits', async () => {
    const { store } = await setup();
    await expect(store.set('ref', 'x'.repeat(SECRET_LIMITS.maxValueBytes + 1))).rejects.toThrow(
      `the secret is ${SECRET_LIMITS.maxValueBytes + 1} bytes; at most ${SECRET_LIMITS.maxValueBytes} bytes can be stored`,
    );
    await expect(store.set('', 'x')).rejects.toThrow('a secret reference must be 1–256 characters long');
  });
});

describe('in-memory secret store', () => {
  it('keeps, replaces and deletes secrets, within the same limits', async () => {
    const store = createMemorySecretStore({ a: '1' });
    expect(await store.get('a')).toBe('1');
    await store.set('a', '2');
    await store.set('b', '3');
    expect([await store.get('a'), await store.get('b')]).toEqual(['2', '3']);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    await expect(store.set('c', 'x'.repeat(SECRET_LIMITS.maxValueBytes + 1))).rejects.toThrow(/at most 16384 bytes/);
  });

  it('refuses a new secret once the count limit is reached, but still replaces existing ones', async () => {
    const full = Object.fromEntries(Array.from({ length: SECRET_LIMITS.maxSecrets }, (_, i) => [`r${i}`, 'v']));
    const store = createMemorySecretStore(full);
    await expect(store.set('one-more', 'v')).rejects.toThrow('1024 secrets are stored already');
    await store.set('r0', 'new');
    expect(await store.get('r0')).toBe('new');
  });
});
