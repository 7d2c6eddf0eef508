import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { downloadWithLink } from './lib/download-link';
import { ActivityStore } from './lib/stores/activity-store.svelte';
import { ClusterStore } from './lib/stores/cluster-store.svelte';
import { PoliciesStore } from './lib/stores/policies-store.svelte';
import { profileChangeReload } from './lib/stores/profile-change';
import { ProfilesStore } from './lib/stores/profiles-store.svelte';
import { RejectionsStore } from './lib/stores/rejections-store.svelte';
import { ThrottleStore } from './lib/stores/throttle-store.svelte';
import { ViewRegistry } from './lib/stores/view-registry.svelte';
import { pickContractClient } from './lib/transport/pick-client';
import {
  ACTIVITY_VIEW,
  BLOCKING_VIEW,
  CLUSTER_VIEW,
  POLICIES_VIEW,
  PROFILES_VIEW,
  THROTTLED_VIEW,
} from './views/routes';

const client = pickContractClient(window);
const cluster = new ClusterStore(client);
cluster.connect();
const throttle = new ThrottleStore(client);
throttle.connect();
const rejections = new RejectionsStore(client);
const policies = new PoliciesStore(client, downloadWithLink);
policies.connect();
const profiles = new ProfilesStore(client, profileChangeReload({ cluster, throttle, policies }));
profiles.connect();
const activity = new ActivityStore(client, cluster, policies.pushes, downloadWithLink);
activity.connect();
const registry = new ViewRegistry(
  CLUSTER_VIEW,
  THROTTLED_VIEW,
  BLOCKING_VIEW,
  POLICIES_VIEW,
  ACTIVITY_VIEW,
  PROFILES_VIEW,
);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { stores: { cluster, profiles, throttle, rejections, policies, activity }, registry } });
