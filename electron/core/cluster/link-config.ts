import type { IClientOptions } from 'mqtt';
import type { BackoffSettings } from './backoff';

/** Everything one link needs, resolved from the profile (secrets and TLS files already read). */
export interface LinkConfig {
  brokerId: string;
  label: string;
  url: string;
  clientId: string;
  /** Credentials, TLS material, protocol version and keepalive for mqtt.js. */
  mqtt: Pick<
    IClientOptions,
    | 'username'
    | 'password'
    | 'protocolVersion'
    | 'keepalive'
    | 'ca'
    | 'cert'
    | 'key'
    | 'servername'
    | 'rejectUnauthorized'
  > & { passphrase?: string };
  connectTimeoutMs: number;
  backoff: BackoffSettings;
  connectDelayMs: number;
  probe: { intervalMs: number; missesToDead: number };
  probeTopic: string;
  subscriptions: readonly string[];
}

export type DownCause = 'died' | 'partition';

/** What a link tells its owner. All callbacks run synchronously inside the link's handlers. */
export interface LinkHooks {
  onChange(): void;
  onUp(at: number): void;
  onDown(at: number, cause: DownCause, detectedAfterMs: number): void;
  onAttemptFailed(at: number): void;
  onMessage(topic: string, payload: Buffer, receivedAt: number): void;
}
