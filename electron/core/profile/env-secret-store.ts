import type { SecretStore } from './secret-store';
import { secretVariable } from './secret-variable';

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
