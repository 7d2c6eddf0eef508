import type { Profile } from '../../../../electron/core/profile/profile-schema';
import { NUMBER_PATHS, type NumberPath } from './number-fields';
import { DEFAULT_FAILOVER, TOPIC_KEYS, type TopicKey } from '../../../../electron/core/profile/profile-defaults';

/** One row of the brokers table; `key` stays with the row when it moves. */
export interface BrokerDraft {
  key: number;
  id: string;
  label: string;
  url: string;
  tlsServerName: string;
}

/**
 * A profile as the editor holds it: text as typed (an empty text means "the default"), so a
 * half-typed number is never lost or silently replaced. Secrets are not here: the editor holds
 * only what the operator types, apart from the profile.
 */
export interface ProfileDraft {
  name: string;
  brokers: BrokerDraft[];
  username: string;
  tls: { caFile: string; certFile: string; keyFile: string; serverName: string; verify: boolean };
  mqttVersion: '3.1.1' | '5';
  mode: 'priority' | 'sticky';
  jitter: boolean;
  numbers: Record<NumberPath, string>;
  topics: Record<TopicKey, string>;
}

/** Which secrets the stored profile refers to, by reference name; the values never reach the page. */
export interface StoredSecrets {
  passwordRef: string | undefined;
  keyPassphraseRef: string | undefined;
}

const record = <K extends string>(keys: readonly K[], value: (key: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, string>;

export function emptyDraft(firstKey: number): ProfileDraft {
  return {
    name: '',
    brokers: [{ key: firstKey, id: 'tm1', label: 'Traffic manager 1', url: '', tlsServerName: '' }],
    username: '',
    tls: { caFile: '', certFile: '', keyFile: '', serverName: '', verify: true },
    mqttVersion: '3.1.1',
    mode: DEFAULT_FAILOVER.mode,
    jitter: DEFAULT_FAILOVER.backoff.jitter,
    numbers: record(NUMBER_PATHS, () => ''),
    topics: record(TOPIC_KEYS, () => ''),
  };
}

function numberAt(profile: Profile, path: NumberPath): number {
  let value: unknown = profile;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return value as number;
}

/** The draft of a stored profile; broker rows get keys from `firstKey` on. */
export function draftFromProfile(profile: Profile, firstKey: number): ProfileDraft {
  return {
    name: profile.name,
    brokers: profile.brokers.map((broker, i) => ({
      key: firstKey + i,
      id: broker.id,
      label: broker.label,
      url: broker.url,
      tlsServerName: broker.tlsServerName ?? '',
    })),
    username: profile.username ?? '',
    tls: {
      caFile: profile.tls.caFile ?? '',
      certFile: profile.tls.certFile ?? '',
      keyFile: profile.tls.keyFile ?? '',
      serverName: profile.tls.serverName ?? '',
      verify: profile.tls.verify,
    },
    mqttVersion: profile.mqttVersion,
    mode: profile.failover.mode,
    jitter: profile.failover.backoff.jitter,
    numbers: record(NUMBER_PATHS, (path) => String(numberAt(profile, path))),
    topics: record(TOPIC_KEYS, (key) => profile.topics[key]),
  };
}

export function storedSecretsOf(profile: Profile | undefined): StoredSecrets {
  return { passwordRef: profile?.passwordRef, keyPassphraseRef: profile?.tls.keyPassphraseRef };
}
