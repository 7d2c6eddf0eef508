import type { SecretStore } from './secret-store';

/** The environment variable that holds secret `ref` on hosts without a keychain. */
export function secretVariable(ref: string): string {
  return `TMC_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * For the CLI and the web host, which have no keychain: secrets are read from TMC_SECRET_<REF>
 * environment variables and never written anywhere.
 */
export function createEnvSecretStore(env: NodeJS.ProcessEnv): SecretStore {
  const refuse = (ref: string): Promise<never> =>
    Promise.reject(
      new Error(
        `This host has no keychain to keep secrets in: set ${secretVariable(ref)} in its environment instead. Nothing was written.`,
      ),
    );
  return {
    get: (ref) => Promise.resolve(env[secretVariable(ref)]),
    set: (ref) => refuse(ref),
    delete: () => Promise.resolve(),
  };
}
