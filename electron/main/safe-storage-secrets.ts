import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { refProblem, SECRET_LIMITS, secretProblem, type SecretStore } from '../core/profile/secret-store';
import { createAtomicJsonFile, type StorageWarning } from '../core/storage/atomic-json-file';
import type { StorageFs } from '../core/storage/storage-fs';

/** The part of Electron's `safeStorage` this store uses; a parameter so tests pass a fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export const SECRETS_FILE_NAME = 'secrets.json';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const SecretsFileSchema = z
  .object({
    version: z.literal(1),
    /** Reference → ciphertext from safeStorage, base64. Never a plaintext value. */
    secrets: z.record(z.string().min(1).max(SECRET_LIMITS.maxRefLength), Base64),
  })
  .strict()
  .refine((file) => Object.keys(file.secrets).length <= SECRET_LIMITS.maxSecrets, {
    message: `more than ${SECRET_LIMITS.maxSecrets} secrets`,
  });

type SecretsFile = z.output<typeof SecretsFileSchema>;

export interface SafeStorageSecretsOptions {
  safeStorage: SafeStorageLike;
  /** The user data folder; `secrets.json` (and its backup) live there. */
  dir: string;
  clock: () => number;
  /** Problems with the file on disk (damaged, backup in use); the port has no other way to say so. */
  onWarning: (warning: StorageWarning) => void;
  platform?: NodeJS.Platform;
  fs?: StorageFs;
}

/**
 * Secrets encrypted by the OS keychain through Electron's safeStorage; only ciphertext reaches
 * the disk. Where safeStorage cannot encrypt, or on Linux would only obfuscate with a built-in
 * key (no keyring running), storing is refused: a password is never written in the clear.
 */
export function createSafeStorageSecretStore(options: SafeStorageSecretsOptions): SecretStore {
  const { safeStorage, onWarning } = options;
  const platform = options.platform ?? process.platform;
  const file = createAtomicJsonFile<SecretsFile>({
    path: join(options.dir, SECRETS_FILE_NAME),
    schema: SecretsFileSchema,
    fallback: () => ({ version: 1, secrets: {} }),
    clock: options.clock,
    ...(options.fs ? { fs: options.fs } : {}),
  });
  const report = (warnings: readonly StorageWarning[]): void => warnings.forEach(onWarning);

  /** Why encryption cannot be trusted here, or undefined when it can. */
  function encryptionProblem(): string | undefined {
    if (!safeStorage.isEncryptionAvailable()) {
      return 'this system offers no encryption for stored secrets (the OS keychain is not available)';
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no keyring (GNOME Keyring or KWallet) is running, so the secret could only be obfuscated, not encrypted; start a keyring and try again';
    }
    return undefined;
  }

  return {
    async get(ref) {
      const read = await file.read();
      report(read.warnings);
      const stored = Object.hasOwn(read.value.secrets, ref) ? read.value.secrets[ref] : undefined;
      if (stored === undefined) return undefined;
      const problem = encryptionProblem();
      if (problem) throw new Error(`Cannot read the secret "${ref}": ${problem}.`);
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `The secret "${ref}" could not be decrypted (${reason}); the keychain may have changed. Enter it again.`,
          { cause: error },
        );
      }
    },

    async set(ref, value) {
      const refused = (reason: string, cause?: unknown) =>
        new Error(`Cannot store the secret "${ref}": ${reason}. Nothing was written.`, { cause });
      const problem = refProblem(ref) ?? encryptionProblem();
      if (problem) throw refused(problem);
      let ciphertext: string;
      try {
        ciphertext = safeStorage.encryptString(value).toString('base64');
      } catch (error) {
        throw refused(`encryption failed (${error instanceof Error ? error.message : String(error)})`, error);
      }
      const updated = await file.update((current) => {
        const isNew = !Object.hasOwn(current.secrets, ref);
        const limit = secretProblem(ref, value, Object.keys(current.secrets).length, isNew);
        if (limit) return { result: limit };
        return { next: { ...current, secrets: { ...current.secrets, [ref]: ciphertext } }, result: undefined };
      });
      report(updated.warnings);
      if (!updated.ok) throw refused(updated.error);
      if (updated.result !== undefined) throw refused(updated.result);
    },

    async delete(ref) {
      const updated = await file.update((current) => {
        if (!Object.hasOwn(current.secrets, ref)) return { result: undefined };
        const { [ref]: _, ...rest } = current.secrets;
        return { next: { ...current, secrets: rest }, result: undefined };
      });
      report(updated.warnings);
      if (!updated.ok) throw new Error(`Cannot delete the secret "${ref}": ${updated.error}`);
    },
  };
}
