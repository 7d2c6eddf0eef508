import type { Profile } from '../profile/profile-schema';
import type { LinkConfig } from './link-config';

/** The part of the secret store a cluster needs: read a secret by its reference. */
export interface SecretReader {
  get(ref: string): Promise<string | undefined>;
}

export interface LinkConfigSources {
  secrets: SecretReader;
  readFile: (path: string) => Promise<Buffer>;
  /** Distinguishes this console from others on the same brokers. */
  instanceId: string;
}

export type LinkConfigsResult = { ok: true; configs: LinkConfig[] } | { ok: false; error: string };

async function readSecret(sources: LinkConfigSources, ref: string, what: string): Promise<string | { error: string }> {
  let value: string | undefined;
  try {
    value = await sources.secrets.get(ref);
  } catch (error) {
    // The keychain store rejects with a sentence (keychain changed or unavailable): a reason
    // this profile does not open, not a failure of the caller (the app would not even start).
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return (
    value ?? { error: `The ${what} is not in the secret store (reference "${ref}"): enter it again in the profile.` }
  );
}

async function readTlsFile(
  sources: LinkConfigSources,
  path: string,
  what: string,
): Promise<Buffer | { error: string }> {
  try {
    return await sources.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    return { error: `Cannot read the ${what} ${path}: ${reason}.` };
  }
}

/** Resolves a profile into per-broker link configurations: secrets fetched, TLS files read. */
export async function buildLinkConfigs(profile: Profile, sources: LinkConfigSources): Promise<LinkConfigsResult> {
  const { tls, failover, topics } = profile;
  const password = profile.passwordRef ? await readSecret(sources, profile.passwordRef, 'password') : undefined;
  if (typeof password === 'object') return { ok: false, error: password.error };
  const passphrase = tls.keyPassphraseRef
    ? await readSecret(sources, tls.keyPassphraseRef, 'key passphrase')
    : undefined;
  if (typeof passphrase === 'object') return { ok: false, error: passphrase.error };

  const files: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const [field, path, what] of [
    ['ca', tls.caFile, 'CA certificate file'],
    ['cert', tls.certFile, 'client certificate file'],
    ['key', tls.keyFile, 'client key file'],
  ] as const) {
    if (path === undefined) continue;
    const read = await readTlsFile(sources, path, what);
    if (!Buffer.isBuffer(read)) return { ok: false, error: read.error };
    files[field] = read;
  }

  const configs = profile.brokers.map((broker): LinkConfig => {
    const clientId = `tmc-${sources.instanceId}-${broker.id}`;
    return {
      brokerId: broker.id,
      label: broker.label,
      url: broker.url,
      clientId,
      mqtt: {
        username: profile.username,
        password,
        protocolVersion: profile.mqttVersion === '5' ? 5 : 4,
        keepalive: profile.keepaliveSec,
        ...files,
        passphrase,
        servername: broker.tlsServerName ?? tls.serverName,
        rejectUnauthorized: tls.verify,
      },
      connectTimeoutMs: failover.connecttimeout,
      backoff: failover.backoff,
      connectDelayMs: failover.connectdelay,
      probe: failover.probe,
      probeTopic: `${topics.probePrefix}/${clientId}`,
      subscriptions: [
        topics.throttleData,
        `${topics.tmPrefix}/+/state`,
        `${topics.tmPrefix}/+/heartbeat`,
        `${topics.ackPrefix}/${clientId}`,
      ],
    };
  });
  return { ok: true, configs };
}
