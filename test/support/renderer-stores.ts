import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import type { scriptedClient } from './scripted-client';

/** The app's stores over one scripted client, both loaded as the page loads them. */
export async function loadedStores(script: ReturnType<typeof scriptedClient>) {
  const cluster = new ClusterStore(script.client);
  const profiles = new ProfilesStore(script.client, cluster);
  await Promise.all([cluster.refresh(), profiles.load()]);
  return { cluster, profiles };
}
