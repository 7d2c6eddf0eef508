import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { ClusterStore } from './lib/stores/cluster-store.svelte';
import { ProfilesStore } from './lib/stores/profiles-store.svelte';
import { ViewRegistry } from './lib/stores/view-registry.svelte';
import { pickContractClient } from './lib/transport/pick-client';
import { CLUSTER_VIEW, PROFILES_VIEW } from './views/routes';

const client = pickContractClient(window);
const cluster = new ClusterStore(client);
cluster.connect();
const profiles = new ProfilesStore(client, cluster);
profiles.connect();
const registry = new ViewRegistry(CLUSTER_VIEW, PROFILES_VIEW);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { stores: { cluster, profiles }, registry } });
