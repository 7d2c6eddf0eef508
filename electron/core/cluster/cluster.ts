import { randomBytes } from 'node:crypto';
import type { ClusterSnapshot, LinkSnapshot } from '../host/contract';
import type { Profile } from '../profile/profile-schema';
import { BrokerLink, type Connector } from './broker-link';

export interface ClusterDeps {
  connector: Connector;
  clock: () => number;
}

export interface Cluster {
  start(): void;
  stop(): Promise<void>;
  snapshot(): ClusterSnapshot;
  onLinkChange(listener: (link: LinkSnapshot) => void): () => void;
}

/** Holds one link per broker of a profile, all connected at once (hot standby). */
export function createCluster(profile: Profile, deps: ClusterDeps): Cluster {
  const listeners = new Set<(link: LinkSnapshot) => void>();
  // One client id per console instance and broker: two consoles never kick each other off.
  const instance = randomBytes(4).toString('hex');
  const links = profile.brokers.map(
    (broker) =>
      new BrokerLink(broker, {
        connector: deps.connector,
        clock: deps.clock,
        clientId: `tmc-${instance}-${broker.id}`,
        onChange: (snapshot) => {
          for (const listener of listeners) listener(snapshot);
        },
      }),
  );

  return {
    start: () => links.forEach((link) => link.start()),
    stop: async () => {
      await Promise.all(links.map((link) => link.stop()));
    },
    snapshot: () => ({ profileName: profile.name, links: links.map((link) => link.snapshot()) }),
    onLinkChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
