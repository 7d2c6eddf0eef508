import type { SecretReader } from '../core/cluster/link-config-builder';

/** The environment variable that holds secret `ref` for the CLI: TMC_SECRET_<REF>. */
export function secretVariable(ref: string): string {
  return `TMC_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The CLI has no keychain: a profile's secrets come from TMC_SECRET_* environment variables. */
export function envSecrets(env: NodeJS.ProcessEnv): SecretReader {
  return { get: (ref) => Promise.resolve(env[secretVariable(ref)]) };
}
