import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { pickContractClient } from './lib/transport/pick-client';
import { ClusterStore } from './lib/stores/cluster-store.svelte';

const client = pickContractClient(window);
const cluster = new ClusterStore(client);
cluster.connect();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { cluster } });
