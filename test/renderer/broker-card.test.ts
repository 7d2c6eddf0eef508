import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import BrokerCard from '../../renderer/src/components/BrokerCard.svelte';
import type { LinkSnapshot } from '../../electron/core/host/contract';

const base: LinkSnapshot = {
  brokerId: 'tm1',
  label: 'Traffic manager 1',
  url: 'mqtt://127.0.0.1:1883',
  state: 'connected',
  since: 1_000,
  lastError: null,
  reconnects: 3,
};

describe('BrokerCard', () => {
  afterEach(() => cleanup());

  it('shows the label, URL, state, time in state and reconnects', () => {
    render(BrokerCard, { link: base, now: 1_000 + 125_000 });
    expect(screen.getByRole('heading').textContent).toBe('Traffic manager 1');
    expect(screen.getByText('mqtt://127.0.0.1:1883')).toBeTruthy();
    expect(screen.getByTestId('link-state').textContent).toBe('Connected');
    expect(screen.getByText('2 min')).toBeTruthy();
    expect(screen.getByText('3')).toBeTruthy();
    expect(screen.queryByTestId('link-error')).toBeNull();
  });

  it('shows the last error in words while the link is not connected', () => {
    render(BrokerCard, { link: { ...base, state: 'down', lastError: 'connection refused' }, now: 1_000 });
    expect(screen.getByTestId('link-state').textContent).toBe('Down');
    expect(screen.getByTestId('link-error').textContent).toBe('connection refused');
    expect(screen.getByTestId('broker-card').dataset.state).toBe('down');
  });
});
