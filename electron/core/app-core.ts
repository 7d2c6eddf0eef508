import type { AppInfo } from './host/contract';
import { createCluster, type ClusterDeps } from './cluster/cluster';
import { createDispatcher, type Dispatch } from './host/dispatcher';
import { createEventHub, type EventHub, type EventHubOptions } from './host/event-hub';
import type { Profile } from './profile/profile-schema';

export interface AppCoreDeps extends ClusterDeps {
  appInfo: AppInfo;
  eventHub?: Partial<EventHubOptions>;
}

export interface AppCore {
  dispatch: Dispatch;
  events: EventHub;
  start(): void;
  stop(): Promise<void>;
}

/** The engine behind every UI: one profile's cluster, its contract handlers and its events. */
export function createAppCore(profile: Profile, deps: AppCoreDeps): AppCore {
  const cluster = createCluster(profile, deps);
  const events = createEventHub(deps.eventHub);
  cluster.onLinkChange((link) => events.publish({ name: 'cluster.link', payload: link }, `link:${link.brokerId}`));

  const dispatch = createDispatcher({
    'app.info': () => deps.appInfo,
    'cluster.snapshot': () => cluster.snapshot(),
  });

  return {
    dispatch,
    events,
    start: () => cluster.start(),
    stop: async () => {
      await cluster.stop();
      events.flush();
      events.close();
    },
  };
}
