import { randomBytes } from 'node:crypto';
import type { ClusterSnapshot, CommandOutcome } from './host/contract';
import type { Connector } from './cluster/broker-link';
import { createCluster, type Cluster, type ClusterEvent } from './cluster/cluster';
import { buildLinkConfigs, type SecretReader } from './cluster/link-config-builder';
import type { Profile } from './profile/profile-schema';
import type { ChangeRecord } from './throttle/change-records';
import type { ThrottleDelta } from './throttle/delta-types';
import { createThrottlePipeline, type ThrottlePipeline } from './throttle/throttle-pipeline';

export type ThrottleEvent = { type: 'delta'; delta: ThrottleDelta } | { type: 'change'; record: ChangeRecord };

// Windows end and grace periods run out on this tick, not only when messages arrive.
const THROTTLE_TICK_MS = 250;

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
  /** The open profile (its topics name the control and acknowledgement topics). */
  profile(): Profile | undefined;
  demo(): DemoControl | undefined;
  snapshot(): ClusterSnapshot;
  on(listener: (event: ClusterEvent) => void): () => void;
  /** The open cluster's merged throttle decisions. */
  throttle(): ThrottlePipeline | undefined;
  onThrottle(listener: (event: ThrottleEvent) => void): () => void;
  /** After a cluster has stopped: nothing more comes from it. */
  onClosed(listener: () => void): () => void;
}

/** Feeds every broker's `throttleData` into one pipeline and tells it who is connected. */
function attachThrottle(cluster: Cluster, topic: string, deps: SessionDeps, emit: (event: ThrottleEvent) => void) {
  const pipeline = createThrottlePipeline({ clock: deps.clock });
  const connected = (): string[] =>
    cluster
      .links()
      .filter((l) => l.isConnected)
      .map((l) => l.brokerId);
  cluster.on((event) => {
    if (event.type === 'message' && event.topic === topic)
      pipeline.ingest(event.brokerId, event.payload, event.receivedAt);
    else if (event.type === 'link') pipeline.setConnected(connected());
  });
  pipeline.onDelta((delta) => emit({ type: 'delta', delta }));
  pipeline.onChange((record) => emit({ type: 'change', record }));
  const ticker = setInterval(() => pipeline.tick(deps.clock()), THROTTLE_TICK_MS);
  return {
    pipeline,
    close(): void {
      clearInterval(ticker);
      pipeline.close();
    },
  };
}

/** The one open cluster of the app, or none, and why not. */
export function createClusterSession(deps: SessionDeps): ClusterSession {
  const instanceId = randomBytes(4).toString('hex');
  const listeners = new Set<(event: ClusterEvent) => void>();
  const throttleListeners = new Set<(event: ThrottleEvent) => void>();
  const closedListeners = new Set<() => void>();
  let throttle: ReturnType<typeof attachThrottle> | undefined;
  let cluster: Cluster | undefined;
  let current: OpenedProfile | undefined;
  let problem: string | null = null;
  // Opens and closes run one at a time, in call order: otherwise an open that resumes after a
  // later open or close would install its cluster over theirs and leave one running unseen.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  }

  async function close(): Promise<void> {
    const closing = cluster;
    cluster = undefined;
    current = undefined;
    throttle?.close();
    throttle = undefined;
    await closing?.stop();
    if (closing) for (const listener of closedListeners) listener();
  }

  async function open(opened: OpenedProfile): Promise<CommandOutcome> {
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
    throttle = attachThrottle(next, opened.profile.topics.throttleData, deps, (event) => {
      for (const listener of throttleListeners) listener(event);
    });
    next.start();
    return {
      done: true,
      message: `Connecting to the ${opened.profile.brokers.length} traffic managers of "${opened.profile.name}".`,
    };
  }

  return {
    open: (opened) => serially(() => open(opened)),
    close: () =>
      serially(async () => {
        // Disconnecting on purpose ends what a failed open said too: nothing is meant to be open.
        problem = null;
        await close();
      }),
    cluster: () => cluster,
    openName: () => current?.profile.name ?? null,
    profile: () => current?.profile,
    demo: () => current?.demo,
    snapshot(): ClusterSnapshot {
      const demoBrokers = [...(current?.demo?.brokerIds ?? [])];
      if (cluster) return { ...cluster.snapshot(), problem, demoBrokers };
      return {
        profileName: '',
        links: [],
        failover: { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false },
        timeline: [],
        timelineDropped: 0,
        problem,
        demoBrokers,
      };
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    throttle: () => throttle?.pipeline,
    onThrottle(listener) {
      throttleListeners.add(listener);
      return () => throttleListeners.delete(listener);
    },
    onClosed(listener) {
      closedListeners.add(listener);
      return () => closedListeners.delete(listener);
    },
  };
}
