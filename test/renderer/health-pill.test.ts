import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkState } from '../../electron/core/host/contract';
import HealthPill from '../../renderer/src/components/top-bar/HealthPill.svelte';
import { summarizeHealth } from '../../renderer/src/lib/cluster-health';
import { linkSnapshot } from '../support/fixtures';
import { failoverStatus } from '../support/switch-fixtures';

const links = (...states: LinkState[]) => states.map((state, i) => linkSnapshot({ brokerId: `tm${i + 1}`, state }));

describe('HealthPill', () => {
  afterEach(() => cleanup());

  const cases: [string, ReturnType<typeof links>, boolean, string, string][] = [
    ['all connected', links('connected', 'connected'), false, 'healthy', 'All healthy'],
    ['one of three down', links('connected', 'down', 'connected'), false, 'degraded', 'Degraded: 2/3 connected'],
    ['none connected', links('reconnecting', 'auth-failed'), false, 'down', 'All down'],
    ['unreachable', links('down', 'down'), true, 'unreachable', 'All traffic managers unreachable'],
    ['no brokers', [], false, 'empty', 'No traffic managers'],
  ];

  it.each(cases)('%s', (_name, list, unreachable, health, label) => {
    render(HealthPill, { summary: summarizeHealth(list, failoverStatus({ unreachable })) });
    const pill = screen.getByTestId('health-pill');
    expect(pill.dataset.health).toBe(health);
    expect(pill.textContent).toBe(label);
  });

  it('says what to do next in its title when something is wrong, and nothing when healthy', () => {
    render(HealthPill, { summary: summarizeHealth(links('down'), failoverStatus({ unreachable: true })) });
    expect(screen.getByTestId('health-pill').title).toContain('The console keeps retrying');
    cleanup();
    render(HealthPill, { summary: summarizeHealth(links('connected'), failoverStatus()) });
    expect(screen.getByTestId('health-pill').hasAttribute('title')).toBe(false);
  });

  it('reports unreachable even when a link has just come up, because the policy says so', () => {
    expect(summarizeHealth(links('connected', 'down'), failoverStatus({ unreachable: true })).health).toBe(
      'unreachable',
    );
  });
});
