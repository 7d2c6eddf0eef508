import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { FailoverStatus } from '../../electron/core/host/contract';
import TopBar from '../../renderer/src/components/top-bar/TopBar.svelte';
import StatusNotices from '../../renderer/src/components/notices/StatusNotices.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { profileList, storedProfile } from '../support/profile-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';
import { failoverStatus } from '../support/switch-fixtures';

const PROFILES = profileList({
  profiles: [storedProfile({ name: 'Production' }), storedProfile({ name: 'Staging' })],
  builtIn: [{ name: 'Demo cluster', description: 'in-process brokers' }],
  open: 'Production',
  lastUsed: 'Production',
});

async function renderTopBar(failover: FailoverStatus, list = PROFILES) {
  const script = scriptedClient(
    clusterSnapshot({
      profileName: 'Production',
      links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
      failover,
    }),
    list,
  );
  const cluster = new ClusterStore(script.client);
  const profiles = new ProfilesStore(script.client, cluster);
  cluster.connect();
  profiles.connect();
  script.setStatus('open');
  await Promise.all([cluster.refresh(), profiles.load()]);
  render(TopBar, { cluster, profiles });
  return { script, cluster, profiles };
}

const selector = () => screen.getByTestId('profile-selector') as HTMLSelectElement;
const optionTexts = () => [...selector().options].map((o) => o.textContent);

const toggle = () => screen.getByTestId('top-pin-toggle') as HTMLButtonElement;

describe('TopBar', () => {
  afterEach(() => cleanup());

  it('shows the profile, the health pill, the active traffic manager by label and an empty live-counts area', async () => {
    await renderTopBar(failoverStatus({ active: 'tm2' }));
    expect(selector().value).toBe('Production');
    expect(screen.getByTestId('health-pill').dataset.health).toBe('healthy');
    expect(screen.getByTestId('active-broker').textContent).toBe('TM 2');
    expect(screen.getByTestId('live-counts').textContent?.trim()).toBe('');
    expect(screen.queryByTestId('host-status')).toBeNull();
  });

  it('pins the active traffic manager with the toggle, and unpins when pinned', async () => {
    const { script, cluster } = await renderTopBar(failoverStatus({ active: 'tm2' }));
    expect(toggle().getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(toggle());
    expect(script.callsOf('cluster.pin').map((c) => c.payload)).toEqual([{ brokerId: 'tm2' }]);

    script.push([{ name: 'cluster.failover', payload: failoverStatus({ active: 'tm2', pinned: 'tm2' }) }]);
    await expect.poll(() => toggle().textContent).toBe('Unpin');
    expect(toggle().getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(toggle());
    expect(script.callsOf('cluster.unpin')).toHaveLength(1);
    expect(cluster.failover.pinned).toBe('tm2');
  });

  it('says when the pin waits for a traffic manager that is not active yet', async () => {
    await renderTopBar(failoverStatus({ active: 'tm1', pinned: 'tm2' }));
    expect(screen.getByTestId('pin-waiting').textContent).toBe('Pinned to TM 2: waiting for it');
  });

  it('offers every stored and built-in profile in the selector, and opens the one chosen', async () => {
    const { script, profiles } = await renderTopBar(failoverStatus({ active: 'tm1' }));
    expect(optionTexts()).toEqual(['Production', 'Staging', 'Demo cluster']);
    script.answers['profiles.open'] = async ({ name }) => {
      script.list = { ...script.list, open: name };
      script.snapshot = clusterSnapshot({ profileName: name });
      return { ok: true, value: { done: true, message: `Connecting to the 2 traffic managers of "${name}".` } };
    };
    const snapshotsBefore = script.callsOf('cluster.snapshot').length;
    await fireEvent.change(selector(), { target: { value: 'Staging' } });
    expect(script.callsOf('profiles.open').map((c) => c.payload)).toEqual([{ name: 'Staging' }]);
    await expect.poll(() => selector().value).toBe('Staging');
    expect(profiles.openName).toBe('Staging');
    expect(script.callsOf('cluster.snapshot').length).toBe(snapshotsBefore + 1);
  });

  it('keeps showing the open profile when another fails to open, and says none is open after the core closed it', async () => {
    const { script, profiles } = await renderTopBar(failoverStatus({ active: 'tm1' }));
    script.answers['profiles.open'] = async () => {
      script.list = { ...script.list, open: null };
      return { ok: true, value: { done: false, message: 'The password is not in the secret store.' } };
    };
    await fireEvent.change(selector(), { target: { value: 'Staging' } });
    await expect.poll(() => profiles.lastOutcome?.message).toBe('The password is not in the secret store.');
    expect(selector().value).toBe('');
    expect(selector().selectedOptions[0]?.textContent).toBe('No profile open');
    expect(profiles.failedOpen).toBe('Staging');
  });

  it('lists a profile opened from a file, which is neither stored nor built in', async () => {
    await renderTopBar(
      failoverStatus(),
      profileList({ profiles: [storedProfile({ name: 'Staging' })], open: 'From file' }),
    );
    expect(selector().value).toBe('From file');
    expect(optionTexts()).toEqual(['From file', 'Staging']);
  });

  it('cannot pin when nothing is active, and says so', async () => {
    const { script } = await renderTopBar(failoverStatus());
    expect(screen.getByTestId('active-broker').textContent).toBe('none');
    expect(toggle().disabled).toBe(true);
    expect(toggle().title).toBe('No traffic manager is active yet: nothing to pin.');
    await fireEvent.click(toggle());
    expect(script.callsOf('cluster.pin')).toHaveLength(0);
  });
});

describe('StatusNotices', () => {
  afterEach(() => cleanup());

  it('shows the outcome of the last command inline until dismissed', async () => {
    const script = scriptedClient(clusterSnapshot({ links: [linkSnapshot({ brokerId: 'tm1' })] }));
    script.answers['cluster.switchTo'] = async () => ({
      ok: true,
      value: { done: false, message: 'tm1 is pinned: unpin it before switching by hand.' },
    });
    const { cluster, profiles } = await loadedStores(script);
    render(StatusNotices, { cluster, profiles, onShowProfiles: () => undefined });
    expect(screen.queryByTestId('command-outcome')).toBeNull();
    await cluster.switchTo('tm1');
    await expect
      .poll(() => screen.queryByTestId('command-outcome')?.textContent)
      .toContain('tm1 is pinned: unpin it before switching by hand.');
    expect(screen.getByTestId('command-outcome').classList.contains('refused')).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('command-outcome')).toBeNull();
  });

  it('counts live updates the host dropped', async () => {
    const script = scriptedClient();
    const cluster = new ClusterStore(script.client);
    cluster.connect();
    render(StatusNotices, {
      cluster,
      profiles: new ProfilesStore(script.client, cluster),
      onShowProfiles: () => undefined,
    });
    expect(screen.queryByTestId('dropped-events')).toBeNull();
    script.push([], 3);
    script.push([], 2);
    await expect
      .poll(() => screen.queryByTestId('dropped-events')?.textContent?.trim())
      .toMatch(/^5 live updates were dropped/);
  });

  it('says why no cluster is open, and what unreachable means', async () => {
    const script = scriptedClient(
      clusterSnapshot({
        links: [linkSnapshot({ state: 'down' })],
        failover: failoverStatus({ unreachable: true }),
        problem: 'the secret "prod-password" is not in the keychain: enter the password in the profile',
      }),
    );
    const { cluster, profiles } = await loadedStores(script);
    render(StatusNotices, { cluster, profiles, onShowProfiles: () => undefined });
    expect(screen.getByTestId('cluster-problem').textContent).toBe(
      'No cluster is open: the secret "prod-password" is not in the keychain: enter the password in the profile',
    );
    expect(screen.getByTestId('health-advice').textContent).toContain('The console keeps retrying');
  });

  it('offers to edit the profile used last when the app could not open it at start', async () => {
    const script = scriptedClient(
      clusterSnapshot({ profileName: '', problem: 'The password is not in the secret store (reference "r1").' }),
      profileList({ profiles: [storedProfile({ name: 'Production' })], lastUsed: 'Production' }),
    );
    const { cluster, profiles } = await loadedStores(script);
    const shown: (string | null)[] = [];
    render(StatusNotices, { cluster, profiles, onShowProfiles: (name) => shown.push(name) });
    const button = screen.getByTestId('edit-problem-profile');
    expect(button.textContent).toBe('Edit "Production"');
    await fireEvent.click(button);
    expect(shown).toEqual(['Production']);
  });

  it('offers no button while the profile list is still loading, then the one for the profile used last', async () => {
    const script = scriptedClient(
      clusterSnapshot({ profileName: '', problem: 'The password is not in the secret store (reference "r1").' }),
      profileList({ profiles: [storedProfile({ name: 'Production' })], lastUsed: 'Production' }),
    );
    const cluster = new ClusterStore(script.client);
    const profiles = new ProfilesStore(script.client, cluster);
    await cluster.refresh();
    render(StatusNotices, { cluster, profiles, onShowProfiles: () => undefined });
    expect(screen.getByTestId('cluster-problem').textContent).toContain('secret store');
    expect(screen.queryByTestId('edit-problem-profile')).toBeNull();
    await profiles.load();
    await tick();
    expect(screen.getByTestId('edit-problem-profile').textContent).toBe('Edit "Production"');
  });

  it('offers the Profiles view when the problem is not about a stored profile', async () => {
    const script = scriptedClient(clusterSnapshot({ profileName: '', problem: 'the CA file cannot be read' }));
    const { cluster, profiles } = await loadedStores(script);
    const shown: (string | null)[] = [];
    render(StatusNotices, { cluster, profiles, onShowProfiles: (name) => shown.push(name) });
    await fireEvent.click(screen.getByTestId('edit-problem-profile'));
    expect(screen.getByTestId('edit-problem-profile').textContent).toBe('Go to Profiles');
    expect(shown).toEqual([null]);
  });

  it('shows the outcome of a profile action with the store warnings under it', async () => {
    const script = scriptedClient(clusterSnapshot(), profileList({ profiles: [storedProfile({ name: 'Lab' })] }));
    script.answers['profiles.duplicate'] = async () => ({
      ok: true,
      value: {
        ok: true,
        profile: storedProfile({ name: 'Lab (copy)' }),
        warnings: [{ path: 'profiles.json', message: 'The previous copy was damaged; the backup was used.' }],
      },
    });
    const { cluster, profiles } = await loadedStores(script);
    render(StatusNotices, { cluster, profiles, onShowProfiles: () => undefined });
    await profiles.duplicate('Lab');
    await expect
      .poll(() => screen.queryByTestId('profile-outcome')?.textContent)
      .toContain('Made "Lab (copy)", a copy of "Lab".');
    expect(screen.getByTestId('profile-outcome-warning').textContent).toBe(
      'The previous copy was damaged; the backup was used.',
    );
  });
});
