import type { ViewEntry } from '../lib/stores/view-registry.svelte';
import BlockingView from './BlockingView.svelte';
import ActivityView from './ActivityView.svelte';
import ClusterView from './ClusterView.svelte';
import PoliciesView from './PoliciesView.svelte';
import ProfilesView from './ProfilesView.svelte';
import ThrottledView from './ThrottledView.svelte';

// The views of the left rail, in rail order. The digits are reserved: Throttled now 2,
// Blocking 3, Policies 4, Activity 5, Profiles 6.
export const CLUSTER_VIEW: ViewEntry = { id: 'cluster', label: 'Cluster', digit: 1, component: ClusterView };
export const THROTTLED_VIEW: ViewEntry = {
  id: 'throttled',
  label: 'Throttled now',
  digit: 2,
  component: ThrottledView,
};
export const BLOCKING_VIEW: ViewEntry = { id: 'blocking', label: 'Blocking', digit: 3, component: BlockingView };
export const POLICIES_VIEW: ViewEntry = { id: 'policies', label: 'Policies', digit: 4, component: PoliciesView };
export const ACTIVITY_VIEW: ViewEntry = { id: 'activity', label: 'Activity', digit: 5, component: ActivityView };
export const PROFILES_VIEW: ViewEntry = { id: 'profiles', label: 'Profiles', digit: 6, component: ProfilesView };
