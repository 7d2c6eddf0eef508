import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type StartedApp } from '../../../electron/core/app-start';
import { createSafeStorageSecretStore } from '../../../electron/main/safe-storage-secrets';

describe('starting the app', () => {
  let dir: string | undefined;
  let started: StartedApp | undefined;

  afterEach(async () => {
    await started?.core.stop();
    started = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("starts, with the reason in words, when the startup profile's password cannot be decrypted", async () => {
    dir = await mkdtemp(join(tmpdir(), 'tmc-start-'));
    // A password stored under a keychain that has since changed: decrypting it fails.
    await writeFile(
      join(dir, 'secrets.json'),
      JSON.stringify({ version: 1, secrets: { pw: Buffer.from('old keychain').toString('base64') } }),
    );
    const secrets = createSafeStorageSecretStore({
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (plain) => Buffer.from(plain),
        decryptString: () => {
          throw new Error('Error while decrypting the ciphertext');
        },
      },
      dir,
      clock: Date.now,
      onWarning: () => undefined,
    });
    const profilePath = join(dir, 'lab.json');
    await writeFile(
      profilePath,
      JSON.stringify({
        name: 'lab',
        brokers: [{ id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1' }],
        username: 'operator',
        passwordRef: 'pw',
      }),
    );
    started = await startApp({ dataDir: dir, secrets, canStoreSecrets: true, builtIns: [], profilePath });
    expect(started.problem).toBe(
      'The secret "pw" could not be decrypted (Error while decrypting the ciphertext); the keychain may have changed. Enter it again.',
    );
    expect(started.core.cluster()).toBeUndefined();

    // The operator disconnects: the old reason no longer describes anything.
    expect(await started.core.dispatch('profiles.close', {})).toMatchObject({ ok: true });
    expect(await started.core.dispatch('cluster.snapshot', {})).toMatchObject({ ok: true, value: { problem: null } });
  });
});
