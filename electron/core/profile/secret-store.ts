/**
 * Where passwords and key passphrases live. Profiles hold only a reference (a name) to each
 * secret; the Electron app keeps the values encrypted by the OS keychain (safeStorage), tests and
 * the CLI keep them in memory. Every implementation refuses what the limits below refuse.
 */
export interface SecretStore {
  get(ref: string): Promise<string | undefined>;
  /** Rejects with a sentence saying why when the secret cannot be stored safely. */
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
}

export const SECRET_LIMITS = { maxSecrets: 1_024, maxRefLength: 256, maxValueBytes: 16 * 1_024 } as const;

/** Why a reference cannot be used, or undefined when it can. */
export function refProblem(ref: string): string | undefined {
  if (ref.length === 0 || ref.length > SECRET_LIMITS.maxRefLength) {
    return `a secret reference must be 1–${SECRET_LIMITS.maxRefLength} characters long`;
  }
  return undefined;
}

/** Why a secret cannot be stored under `ref` next to `count` others, or undefined when it can. */
export function secretProblem(ref: string, value: string, count: number, isNew: boolean): string | undefined {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > SECRET_LIMITS.maxValueBytes) {
    return `the secret is ${bytes} bytes; at most ${SECRET_LIMITS.maxValueBytes} bytes can be stored`;
  }
  if (isNew && count >= SECRET_LIMITS.maxSecrets) {
    return `${SECRET_LIMITS.maxSecrets} secrets are stored already; delete unused profiles first`;
  }
  return refProblem(ref);
}

/** Secrets in this process's memory only: for tests and the command line. */
export function createMemorySecretStore(initial: Readonly<Record<string, string>> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    async get(ref) {
      return values.get(ref);
    },
    async set(ref, value) {
      const problem = secretProblem(ref, value, values.size, !values.has(ref));
      if (problem) throw new Error(`Cannot store the secret "${ref}": ${problem}.`);
      values.set(ref, value);
    },
    async delete(ref) {
      values.delete(ref);
    },
  };
}
