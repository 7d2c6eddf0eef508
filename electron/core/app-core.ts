import { randomBytes } from 'node:crypto';
import type { AppInfo, ClusterSnapshot, CommandOutcome } from './host/contract';
import type { Connector } from './cluster/broker-link';
import { createCluster, type Cluster, type ClusterEvent } from './cluster/cluster';
import { buildLinkConfigs, type SecretReader } from './cluster/link-config-builder';
import { createDispatcher, type Dispatch } from './host/dispatcher';
import { createEventHub, type EventHub, type EventHubOptions } from './host/event-hub';
import type { Profile } from './profile/profile-schema';

export interface AppCoreDeps {
  connector: Connector;
  clock: () => number;
  random: () => number;
  secrets: SecretReader;
  readFile: (path: string) => Promise<Buffer>;
  appInfo: AppInfo;
  eventHub?: Partial<EventHubOptions>;
}

export interface AppCore {
  dispatch: Dispatch;
  events: EventHub;
  /** Connects to a profile's brokers, closing the previous cluster first. */
  open(profile: Profile): Promise<CommandOutcome>;
  close(): Promise<void>;
  /** The open cluster, for adapters that need more than the contract (CLI, tests). */
  cluster(): Cluster | undefined;
  onClusterEvent(listener: (event: ClusterEvent) => void): () => void;
  stop(): Promise<void>;
}

const NO_CLUSTER: Omit<ClusterSnapshot, 'problem'> = {
  profileName: '',
  links: [],
  failover: { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false },
  timeline: [],
};

/** The engine behind every UI: the open profile's cluster, the contract handlers, the events. */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const events = createEventHub(deps.eventHub);
  const instanceId = randomBytes(4).toString('hex');
  const clusterListeners = new Set<(event: ClusterEvent) => void>();
  let cluster: Cluster | undefined;
  let problem: string | null = null;

  function forward(event: ClusterEvent): void {
    if (event.type === 'link')
      events.publish({ name: 'cluster.link', payload: event.link }, `link:${event.link.brokerId}`);
    else if (event.type === 'switch') events.publish({ name: 'cluster.switch', payload: event.event });
    else if (event.type === 'failover') events.publish({ name: 'cluster.failover', payload: event.status }, 'failover');
    for (const listener of clusterListeners) listener(event);
  }

  async function close(): Promise<void> {
    const current = cluster;
    cluster = undefined;
    await current?.stop();
  }

  const withCluster = (run: (c: Cluster) => CommandOutcome): CommandOutcome =>
    cluster ? run(cluster) : { done: false, message: 'No profile is open: open one first.' };

  const dispatch = createDispatcher({
    'app.info': () => deps.appInfo,
    'cluster.snapshot': () => (cluster ? { ...cluster.snapshot(), problem } : { ...NO_CLUSTER, problem }),
    'cluster.pin': ({ brokerId }) => withCluster((c) => c.pin(brokerId)),
    'cluster.unpin': () => withCluster((c) => c.unpin()),
    'cluster.switchTo': ({ brokerId }) => withCluster((c) => c.switchTo(brokerId)),
  });

  return {
    dispatch,
    events,
    async open(profile) {
      await close();
      const built = await buildLinkConfigs(profile, { secrets: deps.secrets, readFile: deps.readFile, instanceId });
      if (!built.ok) {
        problem = built.error;
        return { done: false, message: built.error };
      }
      problem = null;
      const next = createCluster(profile, built.configs, deps);
      next.on(forward);
      cluster = next;
      next.start();
      return { done: true, message: `Connecting to ${profile.brokers.length} traffic managers of "${profile.name}".` };
    },
    close,
    cluster: () => cluster,
    onClusterEvent(listener) {
      clusterListeners.add(listener);
      return () => clusterListeners.delete(listener);
    },
    async stop() {
      await close();
      events.flush();
      events.close();
    },
  };
}
