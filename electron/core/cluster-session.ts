import { randomBytes } from 'node:crypto';
import type { ClusterSnapshot, CommandOutcome } from './host/contract';
import type { Connector } from './cluster/broker-link';
import { createCluster, type Cluster, type ClusterEvent } from './cluster/cluster';
import { buildLinkConfigs, type SecretReader } from './cluster/link-config-builder';
import type { Profile } from './profile/profile-schema';

/** Kill and restart for the embedded demo cluster's brokers (failover drills). */
export interface DemoControl {
  readonly brokerIds: readonly string[];
  kill(brokerId: string): Promise<void>;
  restart(brokerId: string): Promise<void>;
}

export interface OpenedProfile {
  profile: Profile;
  demo?: DemoControl;
}

export interface SessionDeps {
  connector: Connector;
  clock: () => number;
  random: () => number;
  secrets: SecretReader;
  readFile: (path: string) => Promise<Buffer>;
}

export interface ClusterSession {
  /** Connects to a profile's brokers, closing the previous cluster first. */
  open(opened: OpenedProfile): Promise<CommandOutcome>;
  close(): Promise<void>;
  cluster(): Cluster | undefined;
  openName(): string | null;
  demo(): DemoControl | undefined;
  snapshot(): ClusterSnapshot;
  on(listener: (event: ClusterEvent) => void): () => void;
}

/** The one open cluster of the app, or none, and why not. */
export function createClusterSession(deps: SessionDeps): ClusterSession {
  const instanceId = randomBytes(4).toString('hex');
  const listeners = new Set<(event: ClusterEvent) => void>();
  let cluster: Cluster | undefined;
  let current: OpenedProfile | undefined;
  let problem: string | null = null;

  async function close(): Promise<void> {
    const closing = cluster;
    cluster = undefined;
    current = undefined;
    await closing?.stop();
  }

  return {
    async open(opened) {
      await close();
      const built = await buildLinkConfigs(opened.profile, {
        secrets: deps.secrets,
        readFile: deps.readFile,
        instanceId,
      });
      if (!built.ok) {
        problem = built.error;
        return { done: false, message: built.error };
      }
      problem = null;
      const next = createCluster(opened.profile, built.configs, deps);
      next.on((event) => {
        for (const listener of listeners) listener(event);
      });
      cluster = next;
      current = opened;
      next.start();
      return {
        done: true,
        message: `Connecting to the ${opened.profile.brokers.length} traffic managers of "${opened.profile.name}".`,
      };
    },
    close,
    cluster: () => cluster,
    openName: () => current?.profile.name ?? null,
    demo: () => current?.demo,
    snapshot(): ClusterSnapshot {
      const demoBrokers = [...(current?.demo?.brokerIds ?? [])];
      if (cluster) return { ...cluster.snapshot(), problem, demoBrokers };
      return {
        profileName: '',
        links: [],
        failover: { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false },
        timeline: [],
        problem,
        demoBrokers,
      };
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
