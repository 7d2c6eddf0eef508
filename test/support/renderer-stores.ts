import type { DownloadFile } from '../../renderer/src/lib/save-file';
import { ActivityStore } from '../../renderer/src/lib/stores/activity-store.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { PoliciesStore } from '../../renderer/src/lib/stores/policies-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import type { ContractClient } from '../../renderer/src/lib/transport/contract-client';
import type { scriptedClient } from './scripted-client';

/** The policy and activity stores over one client, not loaded; files they save land in `saved`. */
export function policyStores(client: ContractClient, cluster: ClusterStore) {
  const saved: DownloadFile[] = [];
  const save = (file: DownloadFile): void => {
    saved.push(file);
  };
  const policies = new PoliciesStore(client, save);
  const activity = new ActivityStore(client, cluster, policies.pushes, save);
  return { policies, activity, saved };
}

/** The app's stores over one scripted client, cluster and profiles loaded as the page loads them. */
export async function loadedStores(script: ReturnType<typeof scriptedClient>) {
  const cluster = new ClusterStore(script.client);
  const profiles = new ProfilesStore(script.client, cluster);
  await Promise.all([cluster.refresh(), profiles.load()]);
  return { cluster, profiles, ...policyStores(script.client, cluster) };
}
