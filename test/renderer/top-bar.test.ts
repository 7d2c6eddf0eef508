import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { FailoverStatus } from '../../electron/core/host/contract';
import TopBar from '../../renderer/src/components/top-bar/TopBar.svelte';
import StatusNotices from '../../renderer/src/components/notices/StatusNotices.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { scriptedClient } from '../support/scripted-client';
import { failoverStatus } from '../support/switch-fixtures';

async function renderTopBar(failover: FailoverStatus, problem: string | null = null) {
  const script = scriptedClient(
    clusterSnapshot({
      profileName: 'Production',
      links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
      failover,
      problem,
    }),
  );
  const cluster = new ClusterStore(script.client);
  cluster.connect();
  script.setStatus('open');
  await cluster.refresh();
  render(TopBar, { cluster });
  return { script, cluster };
}

const toggle = () => screen.getByTestId('top-pin-toggle') as HTMLButtonElement;

describe('TopBar', () => {
  afterEach(() => cleanup());

  it('shows the profile, the health pill, the active traffic manager by label and an empty live-counts area', async () => {
    await renderTopBar(failoverStatus({ active: 'tm2' }));
    expect(screen.getByTestId('profile-name').textContent).toBe('Production');
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
    const cluster = new ClusterStore(script.client);
    await cluster.refresh();
    render(StatusNotices, { cluster });
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
    render(StatusNotices, { cluster });
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
    const cluster = new ClusterStore(script.client);
    await cluster.refresh();
    render(StatusNotices, { cluster });
    expect(screen.getByTestId('cluster-problem').textContent).toBe(
      'No cluster is open: the secret "prod-password" is not in the keychain: enter the password in the profile',
    );
    expect(screen.getByTestId('health-advice').textContent).toContain('The console keeps retrying');
  });
});
