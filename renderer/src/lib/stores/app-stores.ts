import type { ClusterStore } from './cluster-store.svelte';
import type { ProfilesStore } from './profiles-store.svelte';

/** Every store a view may read; each view takes what it needs from here. */
export interface AppStores {
  cluster: ClusterStore;
  profiles: ProfilesStore;
}
