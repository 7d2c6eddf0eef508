import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { FailoverStatus, LinkSnapshot } from '../../electron/core/host/contract';
import CardActions from '../../renderer/src/components/broker-card/CardActions.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { scriptedClient } from '../support/scripted-client';
import { failoverStatus } from '../support/switch-fixtures';

const TM1 = linkSnapshot({ brokerId: 'tm1', label: 'TM 1' });
const TM2 = linkSnapshot({ brokerId: 'tm2', label: 'TM 2' });

async function renderActions(link: LinkSnapshot, failover: FailoverStatus) {
  const script = scriptedClient(clusterSnapshot({ links: [TM1, TM2], failover }));
  const store = new ClusterStore(script.client);
  await store.refresh();
  render(CardActions, { link, failover, commands: store });
  return { script, store };
}

const makeActive = () => screen.getByTestId('make-active') as HTMLButtonElement;
const pinToggle = () => screen.getByTestId('pin-toggle') as HTMLButtonElement;

describe('CardActions', () => {
  afterEach(() => cleanup());

  it('"Make active" asks the store to switch to this broker', async () => {
    const { script, store } = await renderActions(TM2, failoverStatus({ active: 'tm1' }));
    expect(makeActive().disabled).toBe(false);
    expect(makeActive().title).toContain('Make TM 2 the active traffic manager');
    await fireEvent.click(makeActive());
    expect(script.callsOf('cluster.switchTo').map((c) => c.payload)).toEqual([{ brokerId: 'tm2' }]);
    await expect.poll(() => store.lastCommand?.message).toBe('Switched to tm2.');
  });

  it('"Pin" pins this broker and "Unpin" unpins it', async () => {
    const { script } = await renderActions(TM2, failoverStatus({ active: 'tm1' }));
    expect(pinToggle().textContent).toBe('Pin');
    expect(pinToggle().getAttribute('aria-pressed')).toBe('false');
    await fireEvent.click(pinToggle());
    expect(script.callsOf('cluster.pin').map((c) => c.payload)).toEqual([{ brokerId: 'tm2' }]);
    cleanup();

    const pinned = await renderActions(TM2, failoverStatus({ active: 'tm2', pinned: 'tm2' }));
    expect(pinToggle().textContent).toBe('Unpin');
    expect(pinToggle().getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(pinToggle());
    expect(pinned.script.callsOf('cluster.unpin')).toHaveLength(1);
    expect(pinned.script.callsOf('cluster.pin')).toHaveLength(0);
  });

  it('disables "Make active" on the active broker, saying why', async () => {
    const { script } = await renderActions(TM1, failoverStatus({ active: 'tm1' }));
    expect(makeActive().disabled).toBe(true);
    expect(makeActive().title).toBe('TM 1 is already the active traffic manager.');
    await fireEvent.click(makeActive());
    expect(script.callsOf('cluster.switchTo')).toHaveLength(0);
  });

  it('disables "Make active" on a broker that is not connected, saying why', async () => {
    await renderActions({ ...TM2, state: 'reconnecting' }, failoverStatus({ active: 'tm1' }));
    expect(makeActive().disabled).toBe(true);
    expect(makeActive().title).toBe(
      'TM 2 is not connected: the console can only switch to a connected traffic manager.',
    );
  });

  it('disables "Make active" while another broker is pinned, naming it', async () => {
    await renderActions(TM2, failoverStatus({ active: 'tm1', pinned: 'tm1' }));
    expect(makeActive().disabled).toBe(true);
    expect(makeActive().title).toBe('TM 1 is pinned: unpin it before switching by hand.');
    expect(pinToggle().title).toContain('Pin TM 2 instead of TM 1');
  });

  it('lets an operator pin a broker that is down, saying it becomes active when it connects', async () => {
    await renderActions({ ...TM2, state: 'down' }, failoverStatus({ active: 'tm1' }));
    expect(pinToggle().disabled).toBe(false);
    expect(pinToggle().title).toContain('It becomes active when it connects.');
  });

  it('disables both buttons while a command is in flight', async () => {
    const { script, store } = await renderActions(TM2, failoverStatus({ active: 'tm1' }));
    let answer: (() => void) | undefined;
    script.answers['cluster.switchTo'] = () =>
      new Promise((resolve) => {
        answer = () => resolve({ ok: true, value: { done: true, message: 'Switched to tm2.' } });
      });
    await fireEvent.click(makeActive());
    expect(makeActive().disabled).toBe(true);
    expect(makeActive().title).toBe('Waiting for the previous command to finish.');
    expect(pinToggle().disabled).toBe(true);
    answer?.();
    await expect.poll(() => store.commandPending).toBe(false);
    await expect.poll(() => makeActive().disabled).toBe(false);
  });
});

describe('CardActions: demo drills', () => {
  afterEach(() => cleanup());

  async function renderDemo(link: LinkSnapshot, demoBrokers: string[]) {
    const script = scriptedClient(clusterSnapshot({ links: [TM1, TM2], demoBrokers }));
    const store = new ClusterStore(script.client);
    await store.refresh();
    render(CardActions, { link, failover: failoverStatus({ active: 'tm1' }), commands: store });
    return { script, store };
  }

  it('offers Kill and Restart only on brokers of the demo cluster', async () => {
    await renderDemo(TM1, ['tm2']);
    expect(screen.queryByTestId('demo-kill')).toBeNull();
    cleanup();
    await renderDemo(TM2, ['tm1', 'tm2']);
    expect(screen.getByTestId('demo-kill').title).toContain('Kill TM 2');
    expect(screen.getByTestId('demo-restart')).toBeTruthy();
  });

  it('sends demo.kill and demo.restart and keeps the outcome like the other card actions', async () => {
    const { script, store } = await renderDemo(TM2, ['tm1', 'tm2']);
    await fireEvent.click(screen.getByTestId('demo-kill'));
    expect(script.callsOf('demo.kill').map((c) => c.payload)).toEqual([{ brokerId: 'tm2' }]);
    await expect.poll(() => store.lastCommand?.message).toBe('Killed demo broker tm2.');
    script.answers['demo.restart'] = async () => ({
      ok: true,
      value: { done: false, message: 'tm2 is not a broker of the embedded demo cluster.' },
    });
    await fireEvent.click(screen.getByTestId('demo-restart'));
    await expect
      .poll(() => store.lastCommand)
      .toEqual({
        done: false,
        message: 'tm2 is not a broker of the embedded demo cluster.',
      });
  });
});
