import { describe, expect, it } from 'vitest';
import { profileChangeReload } from '../../renderer/src/lib/stores/profile-change';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { clusterSnapshot } from '../support/fixtures';
import { matrixRow, scriptPolicies, syncMatrix } from '../support/policy-fixtures';
import { profileList, storedProfile } from '../support/profile-fixtures';
import { appStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

describe('Opening or closing a profile', () => {
  it('reads the cluster, its throttled keys and its sync matrix again', async () => {
    const script = scriptedClient(
      clusterSnapshot({ profileName: 'Lab' }),
      profileList({ profiles: [storedProfile({ name: 'Lab' })], open: 'Lab' }),
    );
    const policy = scriptPolicies(script, { matrix: syncMatrix([matrixRow()]) });
    const stores = appStores(script.client);
    const profiles = new ProfilesStore(script.client, profileChangeReload(stores));
    await Promise.all([stores.cluster.refresh(), stores.policies.refresh(), profiles.load()]);
    expect(stores.policies.matrix?.tms.map((tm) => tm.brokerId)).toEqual(['tm1', 'tm2']);

    // Disconnected: no cluster, so no traffic manager sends anything that would say so.
    script.answers['profiles.close'] = async () => {
      script.list = { ...script.list, open: null };
      script.snapshot = clusterSnapshot({ profileName: '', links: [], problem: 'no profile is open' });
      policy.matrix = syncMatrix([], { tms: [] });
      return { ok: true, value: { done: true, message: 'Disconnected.' } };
    };
    const pages = script.callsOf('throttle.page').length;
    await profiles.close();

    expect(stores.cluster.problem).toBe('no profile is open');
    expect(script.callsOf('throttle.page').length).toBe(pages + 1);
    expect(stores.policies.matrix?.tms).toEqual([]);
  });
});
