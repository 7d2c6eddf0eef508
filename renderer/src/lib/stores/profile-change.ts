import type { ClusterStore } from './cluster-store.svelte';
import type { PoliciesStore } from './policies-store.svelte';
import type { ClusterReload } from './profiles-store.svelte';
import type { ThrottleStore } from './throttle-store.svelte';

/**
 * What opening, closing or deleting the open profile must read again: the cluster, its live
 * table, and the sync matrix of its traffic managers (no event says they changed when the new
 * cluster's brokers never connect, or when none is open).
 */
export function profileChangeReload(stores: {
  cluster: Pick<ClusterStore, 'refresh'>;
  throttle: Pick<ThrottleStore, 'reload'>;
  policies: Pick<PoliciesStore, 'refresh'>;
}): ClusterReload {
  return {
    refresh: async () => {
      await Promise.all([stores.cluster.refresh(), stores.throttle.reload(), stores.policies.refresh()]);
    },
  };
}
