import { randomUUID } from 'node:crypto';
import type { AppInfo } from './host/contract';
import type { Cluster, ClusterEvent } from './cluster/cluster';
import { createClusterSession, type OpenedProfile, type SessionDeps, type ThrottleEvent } from './cluster-session';
import { createDispatcher, type Dispatch } from './host/dispatcher';
import { createEventHub, type EventHub, type EventHubOptions } from './host/event-hub';
import { clusterHandlers } from './host/handlers/cluster-handlers';
import { demoHandlers } from './host/handlers/demo-handlers';
import { policyHandlers } from './host/handlers/policy-handlers';
import { profileHandlers, type BuiltInProfile, type FilePurpose } from './host/handlers/profile-handlers';
import { throttleHandlers } from './host/handlers/throttle-handlers';
import { createAuditLog } from './policy/audit-log';
import { createCatalogService } from './policy/catalog-service';
import { createPolicyCatalog } from './policy/policy-catalog';
import { createPolicyService, type PolicyService } from './policy/policy-service';
import { createTmReports, type TmReports } from './policy/tm-reports';
import type { ProfileStore } from './profile/profile-store';
import type { CommandOutcome } from './host/contract';

/** Who pushes policies and where their catalog and audit log are kept. */
export interface PolicyHostOptions {
  /** The OS user name: `issuedBy` in control messages and `user` in the audit log. */
  user: string;
  source: 'app' | 'cli';
  /** The user data folder; absent: no catalog and no audit log (pushes still work). */
  dir?: string;
  /** How long a push waits for every TM to report it (default 10 s). */
  syncTimeoutMs?: number;
}

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
  policies?: PolicyHostOptions;
  newId?: () => string;
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
  /** Pushes and what the traffic managers report, for the CLI and tests. */
  policies: PolicyService;
  reports: TmReports;
  stop(): Promise<void>;
}

/** The engine behind every UI: the open cluster, the contract handlers, the batched events. */
export function createAppCore(deps: AppCoreDeps): AppCore {
  const events = createEventHub(deps.eventHub);
  const session = createClusterSession(deps);
  const reports = createTmReports(session);
  const host = deps.policies ?? { user: 'unknown', source: 'app' };
  const newId = deps.newId ?? randomUUID;
  const catalog = host.dir === undefined ? undefined : createPolicyCatalog({ dir: host.dir, clock: deps.clock });
  const audit = host.dir === undefined ? undefined : createAuditLog({ dir: host.dir });
  const policies = createPolicyService({
    session,
    reports,
    clock: deps.clock,
    user: host.user,
    source: host.source,
    newId,
    catalog,
    audit,
    ...(host.syncTimeoutMs !== undefined ? { syncTimeoutMs: host.syncTimeoutMs } : {}),
  });

  session.on((event) => {
    if (event.type === 'link')
      events.publish({ name: 'cluster.link', payload: event.link }, `link:${event.link.brokerId}`);
    else if (event.type === 'switch') events.publish({ name: 'cluster.switch', payload: event.event });
    else if (event.type === 'failover') events.publish({ name: 'cluster.failover', payload: event.status }, 'failover');
  });
  // A closed cluster's last events go out before anything of the next one: a UI that reloads
  // its snapshot after opening a profile must not see them afterwards (same broker ids).
  session.onClosed(() => events.flush());
  // Deltas are incremental: never coalesced. If the hub drops any, the UI sees `dropped` and resyncs.
  session.onThrottle((event) => {
    if (event.type === 'delta') events.publish({ name: 'throttle.delta', payload: event.delta });
  });
  policies.on((event) => {
    if (event.type === 'push')
      events.publish({ name: 'policies.push', payload: event.view }, `push:${event.view.pushId}`);
    else if (event.type === 'changed')
      events.publish({ name: 'policies.changed', payload: { what: event.what } }, `changed:${event.what}`);
    else events.publish({ name: 'policies.problem', payload: { message: event.message } });
  });
  reports.on(() => events.publish({ name: 'policies.changed', payload: { what: 'tm-state' } }, 'changed:tm-state'));

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
    ...policyHandlers({
      pushes: policies,
      catalog: catalog && createCatalogService({ catalog, reports, user: host.user, newId }),
      audit,
      clock: deps.clock,
    }),
  });

  return {
    dispatch,
    events,
    open: (profile, demo) => session.open(demo ? { profile, demo } : { profile }),
    close: () => session.close(),
    cluster: () => session.cluster(),
    onClusterEvent: (listener) => session.on(listener),
    onThrottleEvent: (listener) => session.onThrottle(listener),
    policies,
    reports,
    async stop() {
      await policies.stop();
      reports.stop();
      await session.close();
      events.flush();
      events.close();
    },
  };
}
