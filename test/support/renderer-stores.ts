import type { DownloadFile } from '../../renderer/src/lib/save-file';
import { ActivityStore } from '../../renderer/src/lib/stores/activity-store.svelte';
import type { AppStores } from '../../renderer/src/lib/stores/app-stores';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { PoliciesStore } from '../../renderer/src/lib/stores/policies-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { RejectionsStore } from '../../renderer/src/lib/stores/rejections-store.svelte';
import { ThrottleStore } from '../../renderer/src/lib/stores/throttle-store.svelte';
import type { ContractClient } from '../../renderer/src/lib/transport/contract-client';
import type { scriptedClient } from './scripted-client';

/** A timer that never fires by itself: tests call the stores' `tick`/`load` when they mean to. */
export const noTimer = (): (() => void) => () => undefined;

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

/** Every store of the app over one client, none loaded; `cluster` when the test made its own. */
export function appStores(
  client: ContractClient,
  cluster = new ClusterStore(client),
): AppStores & { saved: DownloadFile[] } {
  return {
    cluster,
    profiles: new ProfilesStore(client, cluster),
    throttle: new ThrottleStore(client, { every: noTimer }),
    rejections: new RejectionsStore(client, noTimer),
    ...policyStores(client, cluster),
  };
}

/** The app's stores over one scripted client, cluster and profiles loaded as the page loads them. */
export async function loadedStores(
  script: ReturnType<typeof scriptedClient>,
): Promise<AppStores & { saved: DownloadFile[] }> {
  const stores = appStores(script.client);
  await Promise.all([stores.cluster.refresh(), stores.profiles.load()]);
  return stores;
}
