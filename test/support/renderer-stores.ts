import type { AppStores } from '../../renderer/src/lib/stores/app-stores';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { RejectionsStore } from '../../renderer/src/lib/stores/rejections-store.svelte';
import { ThrottleStore } from '../../renderer/src/lib/stores/throttle-store.svelte';
import type { ContractClient } from '../../renderer/src/lib/transport/contract-client';
import type { scriptedClient } from './scripted-client';

/** A timer that never fires by itself: tests call the stores' `tick`/`load` when they mean to. */
export const noTimer = (): (() => void) => () => undefined;

/** Every store of the app over one client, none loaded; `cluster` when the test made its own. */
export function appStores(client: ContractClient, cluster = new ClusterStore(client)): AppStores {
  return {
    cluster,
    profiles: new ProfilesStore(client, cluster),
    throttle: new ThrottleStore(client, { every: noTimer }),
    rejections: new RejectionsStore(client, noTimer),
  };
}

/** The app's stores over one scripted client, cluster and profiles loaded as the page loads them. */
export async function loadedStores(script: ReturnType<typeof scriptedClient>): Promise<AppStores> {
  const stores = appStores(script.client);
  await Promise.all([stores.cluster.refresh(), stores.profiles.load()]);
  return stores;
}
