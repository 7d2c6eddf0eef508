import type { AppInfo } from './host/contract';
import type { Cluster, ClusterEvent } from './cluster/cluster';
import { createClusterSession, type OpenedProfile, type SessionDeps, type ThrottleEvent } from './cluster-session';
import { createDispatcher, type Dispatch } from './host/dispatcher';
import { createEventHub, type EventHub, type EventHubOptions } from './host/event-hub';
import { clusterHandlers } from './host/handlers/cluster-handlers';
import { demoHandlers } from './host/handlers/demo-handlers';
import { throttleHandlers } from './host/handlers/throttle-handlers';
import { profileHandlers, type BuiltInProfile, type FilePurpose } from './host/handlers/profile-handlers';
import type { ProfileStore } from './profile/profile-store';
import type { CommandOutcome } from './host/contract';

export interface AppCoreDeps extends SessionDeps {
  appInfo: AppInfo;
  /** Where profiles are kept; absent on hosts that keep none (the CLI). */
  profiles?: ProfileStore;
  builtInProfiles?: readonly BuiltInProfile[];
  /** Whether `secrets` can store new secrets (a keychain), not only read them. */
  canStoreSecrets?: boolean;
  /** A native file dialog (the desktop app only). */
  pickFile?: (purpose: FilePurpose) => Promise<string | null>;
  eventHub?: Partial<EventHubOptions>;
}

export interface AppCore {
  dispatch: Dispatch;
  events: EventHub;
  /** Connects to a profile's brokers, closing the previous cluster first. */
  open(profile: OpenedProfile['profile'], demo?: OpenedProfile['demo']): Promise<CommandOutcome>;
  close(): Promise<void>;
  /** The open cluster, for adapters that need more than the contract (CLI, tests). */
  cluster(): Cluster | undefined;
  onClusterEvent(listener: (event: ClusterEvent) => void): () => void;
  onThrottleEvent(listener: (event: ThrottleEvent) => void): () => void;
  stop(): Promise<void>;
}

/** The engine behind every UI: the open cluster, the contract handlers, the batched events. */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const events = createEventHub(deps.eventHub);
  const session = createClusterSession(deps);

  session.on((event) => {
    if (event.type === 'link')
      events.publish({ name: 'cluster.link', payload: event.link }, `link:${event.link.brokerId}`);
    else if (event.type === 'switch') events.publish({ name: 'cluster.switch', payload: event.event });
    else if (event.type === 'failover') events.publish({ name: 'cluster.failover', payload: event.status }, 'failover');
  });
  // Deltas are incremental: never coalesced. If the hub drops any, the UI sees `dropped` and resyncs.
  session.onThrottle((event) => {
    if (event.type === 'delta') events.publish({ name: 'throttle.delta', payload: event.delta });
  });

  const dispatch = createDispatcher({
    'app.info': () => deps.appInfo,
    ...clusterHandlers(session),
    ...profileHandlers({
      session,
      store: deps.profiles,
      builtIns: deps.builtInProfiles ?? [],
      canStoreSecrets: deps.canStoreSecrets ?? false,
      pickFile: deps.pickFile,
    }),
    ...demoHandlers(session),
    ...throttleHandlers(session, deps.clock),
  });

  return {
    dispatch,
    events,
    open: (profile, demo) => session.open(demo ? { profile, demo } : { profile }),
    close: () => session.close(),
    cluster: () => session.cluster(),
    onClusterEvent: (listener) => session.on(listener),
    onThrottleEvent: (listener) => session.onThrottle(listener),
    async stop() {
      await session.close();
      events.flush();
      events.close();
    },
  };
}
