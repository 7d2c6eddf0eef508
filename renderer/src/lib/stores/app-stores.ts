import type { ActivityStore } from './activity-store.svelte';
import type { ClusterStore } from './cluster-store.svelte';
import type { PoliciesStore } from './policies-store.svelte';
import type { ProfilesStore } from './profiles-store.svelte';
import type { RejectionsStore } from './rejections-store.svelte';
import type { ThrottleStore } from './throttle-store.svelte';

/** Every store a view may read; each view takes what it needs from here. */
export interface AppStores {
  cluster: ClusterStore;
  profiles: ProfilesStore;
  throttle: ThrottleStore;
  rejections: RejectionsStore;
  policies: PoliciesStore;
  activity: ActivityStore;
}
