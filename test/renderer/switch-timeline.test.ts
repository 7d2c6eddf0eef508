import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SwitchTimeline from '../../renderer/src/components/timeline/SwitchTimeline.svelte';
import ClusterView from '../../renderer/src/views/ClusterView.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { ProfilesStore } from '../../renderer/src/lib/stores/profiles-store.svelte';
import { formatClockTime } from '../../renderer/src/lib/format-metrics';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { policyStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';
import { switchEvent } from '../support/switch-fixtures';

const LABELS: Record<string, string> = { tm1: 'TM 1', tm2: 'TM 2', tm3: 'TM 3' };
const labelOf = (id: string) => LABELS[id] ?? id;
const T0 = new Date(2026, 0, 5, 14, 3, 7).getTime();

const entryTexts = () => screen.getAllByTestId('switch-entry').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

describe('SwitchTimeline', () => {
  afterEach(() => cleanup());

  it('lists each switch as "time from → to reason", with the detection time of faults', () => {
    render(SwitchTimeline, {
      labelOf,
      dropped: 0,
      entries: [
        switchEvent({ at: T0 + 6_000, from: 'tm3', to: 'tm1', reason: 'first-connect' }),
        switchEvent({ at: T0 + 5_000, from: 'tm2', to: 'tm3', reason: 'pinned' }),
        switchEvent({ at: T0 + 4_000, from: 'tm1', to: 'tm2', reason: 'failback' }),
        switchEvent({ at: T0 + 3_000, from: 'tm2', to: 'tm1', reason: 'manual' }),
        switchEvent({ at: T0 + 2_000, from: 'tm1', to: 'tm2', reason: 'partition', detectedAfterMs: 1_250 }),
        switchEvent({ at: T0 + 1_000, from: 'tm2', to: 'tm1', reason: 'died', detectedAfterMs: 84.6 }),
        switchEvent({ at: T0, from: null, to: 'tm2', reason: 'first-connect' }),
      ],
    });
    expect(entryTexts()).toEqual([
      '14:03:13 TM 3 → TM 1 first connection',
      '14:03:12 TM 2 → TM 3 pinned',
      '14:03:11 TM 1 → TM 2 failback',
      '14:03:10 TM 2 → TM 1 manual switch',
      '14:03:09 TM 1 → TM 2 network partition / frozen (detected after 1250 ms)',
      '14:03:08 TM 2 → TM 1 died (detected after 85 ms)',
      '14:03:07 none → TM 2 first connection',
    ]);
    expect(screen.getAllByTestId('switch-entry')[0]?.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(T0 + 6_000).toISOString(),
    );
  });

  it('says when there are no switches, and how many older ones it no longer keeps', () => {
    render(SwitchTimeline, { labelOf, dropped: 12, entries: [] });
    expect(screen.getByText('No switches yet.')).toBeTruthy();
    expect(screen.getByTestId('timeline-dropped').textContent).toBe('12 older switches are no longer kept here.');
  });

  it('shows the store timeline newest first beside the cards, updating on switch events', async () => {
    const script = scriptedClient(
      clusterSnapshot({
        links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
        timeline: [switchEvent({ at: T0, from: null, to: 'tm1' })],
      }),
    );
    const cluster = new ClusterStore(script.client);
    cluster.connect();
    await cluster.refresh();
    const profiles = new ProfilesStore(script.client, cluster);
    render(ClusterView, { stores: { cluster, profiles, ...policyStores(script.client, cluster) } });
    expect(screen.getAllByTestId('broker-card')).toHaveLength(2);
    script.push([
      { name: 'cluster.switch', payload: switchEvent({ at: T0 + 1_000, from: 'tm1', to: 'tm2', reason: 'manual' }) },
    ]);
    await expect.poll(() => screen.getAllByTestId('switch-entry').length).toBe(2);
    expect(entryTexts()).toEqual([
      `${formatClockTime(T0 + 1_000)} TM 1 → TM 2 manual switch`,
      `${formatClockTime(T0)} none → TM 1 first connection`,
    ]);
  });
});
