import type { Cluster } from '../../cluster/cluster';
import type { ClusterSession } from '../../cluster-session';
import type { CallHandlers, CommandOutcome } from '../contract';

type ClusterCalls = Pick<CallHandlers, 'cluster.snapshot' | 'cluster.pin' | 'cluster.unpin' | 'cluster.switchTo'>;

export function clusterHandlers(session: ClusterSession): ClusterCalls {
  const withCluster = (run: (c: Cluster) => CommandOutcome): CommandOutcome => {
    const cluster = session.cluster();
    return cluster ? run(cluster) : { done: false, message: 'No profile is open: open one first.' };
  };
  return {
    'cluster.snapshot': () => session.snapshot(),
    'cluster.pin': ({ brokerId }) => withCluster((c) => c.pin(brokerId)),
    'cluster.unpin': () => withCluster((c) => c.unpin()),
    'cluster.switchTo': ({ brokerId }) => withCluster((c) => c.switchTo(brokerId)),
  };
}
