import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkSnapshot, LinkState } from '../../electron/core/host/contract';
import BrokerCard from '../../renderer/src/components/broker-card/BrokerCard.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { linkSnapshot } from '../support/fixtures';
import { scriptedClient } from '../support/scripted-client';
import { failoverStatus } from '../support/switch-fixtures';

const NOW = 1_000_000;

function renderCard(link: LinkSnapshot, failover = failoverStatus()) {
  const commands = new ClusterStore(scriptedClient().client);
  return render(BrokerCard, { link, now: NOW, failover, commands });
}

describe('BrokerCard', () => {
  afterEach(() => cleanup());

  const states: [LinkState, string, string | null][] = [
    ['connecting', 'Connecting', null],
    ['connected', 'Connected', null],
    ['reconnecting', 'Reconnecting', 'Retrying by itself.'],
    [
      'down',
      'Down',
      'Retrying by itself: if this lasts, check that the broker runs and that this machine can reach it.',
    ],
    ['auth-failed', 'Wrong credentials', 'Wrong credentials: check username and password in the profile'],
    ['tls-failed', 'TLS failed', 'TLS failed: check the CA file and server name'],
  ];

  it.each(states)('shows the %s state in words, with what to do next', (state, label, advice) => {
    renderCard(linkSnapshot({ state, lastError: state === 'connected' ? null : 'some failure' }));
    expect(screen.getByTestId('broker-card').dataset.state).toBe(state);
    expect(screen.getByTestId('link-state').textContent).toBe(label);
    expect(screen.queryByTestId('link-advice')?.textContent ?? null).toBe(advice);
    expect(screen.queryByTestId('link-error')?.textContent ?? null).toBe(state === 'connected' ? null : 'some failure');
  });

  it('shows the label, URL and metrics of a connected link', () => {
    renderCard(
      linkSnapshot({
        label: 'Traffic manager 1',
        url: 'mqtt://127.0.0.1:1883',
        since: NOW - 125_000,
        reconnects: 3,
        failedAttempts: 0,
        rttMs: 12.4,
        rttHistory: [10, 12, 14],
        messagesPerSec: 42,
        bytesPerSec: 2048,
        lastMessageAt: NOW - 4_000,
      }),
    );
    expect(screen.getByRole('heading').textContent).toBe('Traffic manager 1');
    expect(screen.getByText('mqtt://127.0.0.1:1883')).toBeTruthy();
    expect(screen.getByTestId('rtt').textContent).toBe('12 ms');
    expect(screen.getByTestId('rtt-sparkline')).toBeTruthy();
    expect(screen.getByTestId('rate').textContent).toBe('42/s · 2.0 kB/s');
    expect(screen.getByTestId('last-message').textContent?.trim()).toBe('4 s ago');
    expect(screen.getByTestId('state-age').textContent).toBe('2 min');
    expect(screen.getByTestId('reconnects').textContent).toBe('3');
    expect(screen.queryByTestId('failed-attempts')).toBeNull();
  });

  it('counts failed attempts while not connected, and says when nothing has arrived yet', () => {
    renderCard(linkSnapshot({ state: 'down', failedAttempts: 7, rttMs: null, lastMessageAt: null }));
    expect(screen.getByTestId('failed-attempts').textContent).toBe('7');
    expect(screen.getByTestId('rtt').textContent).toBe('not connected');
    expect(screen.getByTestId('last-message').textContent?.trim()).toBe('none yet');
  });

  it('marks the active and the pinned traffic manager, and only those', () => {
    renderCard(linkSnapshot({ brokerId: 'tm1' }), failoverStatus({ active: 'tm1', pinned: 'tm1' }));
    const card = screen.getByTestId('broker-card');
    expect(card.dataset.active).toBe('true');
    expect(within(card).getByTestId('active-marker').textContent).toBe('Active');
    expect(within(card).getByTestId('pinned-marker').textContent).toBe('Pinned');
    cleanup();

    renderCard(linkSnapshot({ brokerId: 'tm2' }), failoverStatus({ active: 'tm1', pinned: 'tm1' }));
    expect(screen.getByTestId('broker-card').dataset.active).toBe('false');
    expect(screen.queryByTestId('active-marker')).toBeNull();
    expect(screen.queryByTestId('pinned-marker')).toBeNull();
  });
});
