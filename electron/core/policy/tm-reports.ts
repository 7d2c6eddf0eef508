import type { Cluster } from '../cluster/cluster';
import type { ClusterSession } from '../cluster-session';
import { DEFAULT_TOPICS } from '../profile/profile-defaults';
import { reportedEntry, type ReportedEntry } from './policy-key';
import type { BrokerReport } from './sync-matrix';
import { createTmStateTracker, type TmStateTracker } from './tm-state-tracker';

// What the traffic managers of the open profile report they run, kept from the moment a cluster
// opens (retained states arrive right after each link subscribes) and forgotten when another
// cluster replaces it.

export interface TmReports {
  readonly tracker: TmStateTracker;
  /** One report per broker of the open profile, in list order. */
  all(): BrokerReport[];
  /** What the connected traffic managers report for `key`. */
  reportedFor(key: string): ReportedEntry[];
  on(listener: (brokerId: string) => void): () => void;
  stop(): void;
}

export function createTmReports(session: ClusterSession): TmReports {
  const tracker = createTmStateTracker(() => {
    const topics = session.profile()?.topics ?? DEFAULT_TOPICS;
    return { tmPrefix: topics.tmPrefix, ackPrefix: topics.ackPrefix };
  });
  let tracked: Cluster | undefined;
  const off = session.on((event) => {
    const cluster = session.cluster();
    if (cluster !== tracked) {
      tracker.reset();
      tracked = cluster;
    }
    tracker.handle(event);
  });

  const all = (): BrokerReport[] =>
    (session.cluster()?.links() ?? []).map((link) => ({
      brokerId: link.brokerId,
      tracked: tracker.stateOf(link.brokerId),
    }));

  return {
    tracker,
    all,
    reportedFor(key) {
      return all()
        .map((report) => (report.tracked?.live ? reportedEntry(report.tracked.state, key) : undefined))
        .filter((entry): entry is ReportedEntry => entry !== undefined);
    },
    on: (listener) => tracker.on(listener),
    stop: off,
  };
}
