import type { SecretReader } from '../cluster/link-config-builder';

/** For hosts without a keychain (web host, CLI): profiles that need a stored secret say so. */
export const NO_SECRETS: SecretReader = { get: () => Promise.resolve(undefined) };
