import { describe, expect, it } from 'vitest';
import type { LinkSnapshot } from '../../electron/core/host/contract';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { TIMELINE_CAP } from '../../renderer/src/lib/stores/bounded-timeline';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { scriptedClient } from '../support/scripted-client';
import { failoverStatus, switchEvent } from '../support/switch-fixtures';

const link = (brokerId: string, state: LinkSnapshot['state']): LinkSnapshot =>
  linkSnapshot({ brokerId, label: brokerId.toUpperCase(), state });

async function loadedStore(snapshot = clusterSnapshot(), cap?: number) {
  const script = scriptedClient(snapshot);
  const store = new ClusterStore(script.client, cap);
  store.connect();
  await store.refresh();
  return { script, store };
}

describe('ClusterStore: snapshot and events', () => {
  it('loads the snapshot when the host connection opens, and again after it reopens', async () => {
    const script = scriptedClient(
      clusterSnapshot({
        profileName: 'lab',
        links: [link('tm1', 'connecting'), link('tm2', 'connected')],
        failover: failoverStatus({ active: 'tm2' }),
        timeline: [switchEvent({ at: 5, to: 'tm2' })],
        problem: null,
      }),
    );
    const store = new ClusterStore(script.client);
    store.connect();
    expect(store.hostStatus).toBe('connecting');
    script.setStatus('open');
    await store.refresh();
    expect(store.profileName).toBe('lab');
    expect(store.links.map((l) => l.state)).toEqual(['connecting', 'connected']);
    expect(store.failover.active).toBe('tm2');
    expect(store.timeline).toEqual([switchEvent({ at: 5, to: 'tm2' })]);
    script.setStatus('closed');
    script.setStatus('open');
    expect(script.callsOf('cluster.snapshot')).toHaveLength(3);
  });

  it('keeps the core problem and a failed load in words', async () => {
    const { script, store } = await loadedStore(clusterSnapshot({ problem: 'the CA file /x/ca.pem cannot be read' }));
    expect(store.problem).toBe('the CA file /x/ca.pem cannot be read');
    script.answers['cluster.snapshot'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    await store.refresh();
    expect(store.error).toBe('The cluster state could not be loaded: Not connected to the console host.');
  });

  it('applies link events in order and counts dropped events', async () => {
    const { script, store } = await loadedStore(
      clusterSnapshot({ links: [link('tm1', 'connecting'), link('tm2', 'connecting')] }),
    );
    script.push(
      [
        { name: 'cluster.link', payload: link('tm1', 'connected') },
        { name: 'cluster.link', payload: link('tm2', 'down') },
        { name: 'cluster.link', payload: link('tm1', 'reconnecting') },
      ],
      2,
    );
    expect(store.links.map((l) => l.state)).toEqual(['reconnecting', 'down']);
    expect(store.droppedEvents).toBe(2);
  });

  it('reads the cluster again when the host dropped events: one of them may have been a failover', async () => {
    const { script, store } = await loadedStore(
      clusterSnapshot({
        links: [link('tm1', 'connected'), link('tm2', 'connected')],
        failover: failoverStatus({ active: 'tm1' }),
        timeline: [switchEvent({ at: 1, to: 'tm1' })],
      }),
    );
    // tm1 died and the core failed over to tm2; the batch saying so was dropped on the way.
    const failedOver = switchEvent({ at: 2, from: 'tm1', to: 'tm2', reason: 'died' });
    script.snapshot = clusterSnapshot({
      links: [link('tm1', 'down'), link('tm2', 'connected')],
      failover: failoverStatus({ active: 'tm2' }),
      timeline: [switchEvent({ at: 1, to: 'tm1' }), failedOver],
    });
    script.push([{ name: 'cluster.link', payload: link('tm1', 'down') }], 2);
    await expect.poll(() => store.failover.active).toBe('tm2');
    expect(store.links.map((l) => l.state)).toEqual(['down', 'connected']);
    expect(store.timeline.at(-1)).toEqual(failedOver);
    expect(store.droppedEvents).toBe(2);
  });

  it('reads the snapshot once more, not once per ask, when asks come while it is read', async () => {
    const { script, store } = await loadedStore();
    const before = script.callsOf('cluster.snapshot').length;
    script.push([], 1);
    script.push([], 1);
    script.push([], 1);
    await store.refresh();
    expect(script.callsOf('cluster.snapshot')).toHaveLength(before + 2);
  });

  it('ignores link events for brokers it does not know', async () => {
    const { script, store } = await loadedStore(clusterSnapshot({ links: [link('tm1', 'connected')] }));
    script.push([{ name: 'cluster.link', payload: link('tm9', 'down') }]);
    expect(store.links.map((l) => l.brokerId)).toEqual(['tm1']);
  });

  it('applies failover status events', async () => {
    const { script, store } = await loadedStore(clusterSnapshot({ links: [link('tm1', 'connected')] }));
    script.push([{ name: 'cluster.failover', payload: failoverStatus({ active: 'tm1', pinned: 'tm1' }) }]);
    expect(store.failover).toEqual(failoverStatus({ active: 'tm1', pinned: 'tm1' }));
    script.push([{ name: 'cluster.failover', payload: failoverStatus({ unreachable: true }) }]);
    expect(store.failover.unreachable).toBe(true);
    expect(store.health.health).toBe('unreachable');
  });

  it('appends switch events and lists them newest first', async () => {
    const { script, store } = await loadedStore();
    script.push([
      { name: 'cluster.switch', payload: switchEvent({ at: 1, to: 'tm1' }) },
      { name: 'cluster.switch', payload: switchEvent({ at: 2, from: 'tm1', to: 'tm2', reason: 'died' }) },
    ]);
    expect(store.timeline.map((e) => e.at)).toEqual([1, 2]);
    expect(store.timelineNewestFirst.map((e) => e.at)).toEqual([2, 1]);
  });

  it('skips switches it already has from the snapshot, but not a later one', async () => {
    const first = switchEvent({ at: 10, to: 'tm1' });
    const { script, store } = await loadedStore(clusterSnapshot({ timeline: [first] }));
    const later = switchEvent({ at: 20, from: 'tm1', to: 'tm2', reason: 'manual' });
    script.push([{ name: 'cluster.switch', payload: first }]);
    script.push([{ name: 'cluster.switch', payload: later }]);
    expect(store.timeline).toEqual([first, later]);
  });

  it('keeps a later switch equal to one in the snapshot once a new switch has arrived', async () => {
    const there = switchEvent({ at: 10, from: 'tm1', to: 'tm2', reason: 'manual' });
    const back = switchEvent({ at: 10, from: 'tm2', to: 'tm1', reason: 'manual' });
    const { script, store } = await loadedStore(clusterSnapshot({ timeline: [there] }));
    script.push([
      { name: 'cluster.switch', payload: back },
      { name: 'cluster.switch', payload: there },
    ]);
    expect(store.timeline).toEqual([there, back, there]);
  });

  it('bounds the timeline and counts what fell off, from events and from the snapshot', async () => {
    const events = Array.from({ length: 5 }, (_, i) => switchEvent({ at: i, to: `tm${i}` }));
    const { script, store } = await loadedStore(clusterSnapshot({ timeline: events }), 3);
    expect(store.timeline.map((e) => e.at)).toEqual([2, 3, 4]);
    expect(store.timelineDropped).toBe(2);
    script.push([
      { name: 'cluster.switch', payload: switchEvent({ at: 5 }) },
      { name: 'cluster.switch', payload: switchEvent({ at: 6 }) },
    ]);
    expect(store.timeline.map((e) => e.at)).toEqual([4, 5, 6]);
    expect(store.timelineDropped).toBe(4);
  });

  it('adds what the core dropped from its own timeline, and starts again from each snapshot', async () => {
    const events = Array.from({ length: 5 }, (_, i) => switchEvent({ at: i, to: `tm${i}` }));
    const { script, store } = await loadedStore(clusterSnapshot({ timeline: events, timelineDropped: 30 }), 3);
    expect(store.timelineDropped).toBe(32);
    script.snapshot = clusterSnapshot({ timeline: events.slice(0, 1), timelineDropped: 0 });
    await store.refresh();
    expect(store.timelineDropped).toBe(0);
  });

  it('counts what the snapshot has beyond the cap once, however often it is read again', async () => {
    const events = Array.from({ length: 5 }, (_, i) => switchEvent({ at: i, to: `tm${i}` }));
    const { script, store } = await loadedStore(clusterSnapshot({ timeline: events }), 3);
    // The host connection drops and comes back: the same timeline is read again.
    script.setStatus('closed');
    script.setStatus('open');
    await store.refresh();
    expect(script.callsOf('cluster.snapshot').length).toBeGreaterThanOrEqual(3);
    expect(store.timeline.map((e) => e.at)).toEqual([2, 3, 4]);
    expect(store.timelineDropped).toBe(2);
    // Another cluster opened: its timeline is all there is to count.
    script.snapshot = clusterSnapshot({ timeline: [switchEvent({ at: 9, to: 'tm1' })] });
    await store.refresh();
    expect(store.timelineDropped).toBe(0);
  });

  it('keeps at most 200 switches by default', async () => {
    const { script, store } = await loadedStore();
    script.push(
      Array.from({ length: 250 }, (_, i) => ({ name: 'cluster.switch' as const, payload: switchEvent({ at: i }) })),
    );
    expect(TIMELINE_CAP).toBe(200);
    expect(store.timeline).toHaveLength(200);
    expect(store.timeline[0]?.at).toBe(50);
    expect(store.timelineDropped).toBe(50);
  });
});

describe('ClusterStore: operator commands', () => {
  const twoLinks = clusterSnapshot({
    links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
  });

  it('sends pin, unpin and switchTo through the contract and keeps the outcome', async () => {
    const { script, store } = await loadedStore(twoLinks);
    await store.switchTo('tm2');
    expect(script.callsOf('cluster.switchTo')).toEqual([{ name: 'cluster.switchTo', payload: { brokerId: 'tm2' } }]);
    expect(store.lastCommand).toEqual({ done: true, message: 'Switched to tm2.' });
    await store.pin('tm1');
    expect(script.callsOf('cluster.pin')[0]?.payload).toEqual({ brokerId: 'tm1' });
    await store.unpin();
    expect(script.callsOf('cluster.unpin')[0]?.payload).toEqual({});
    expect(store.lastCommand).toEqual({ done: true, message: 'Unpinned.' });
    store.dismissCommand();
    expect(store.lastCommand).toBeNull();
  });

  it('keeps a refusal from the core as it was said', async () => {
    const { script, store } = await loadedStore(twoLinks);
    script.answers['cluster.switchTo'] = async () => ({
      ok: true,
      value: { done: false, message: 'tm1 is pinned: unpin it before switching by hand.' },
    });
    await store.switchTo('tm2');
    expect(store.lastCommand).toEqual({ done: false, message: 'tm1 is pinned: unpin it before switching by hand.' });
  });

  it('says what to do when a command cannot reach the host, naming the broker by label', async () => {
    const { script, store } = await loadedStore(twoLinks);
    script.answers['cluster.switchTo'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    await store.switchTo('tm2');
    expect(store.lastCommand?.done).toBe(false);
    expect(store.lastCommand?.message).toBe(
      'Switch to TM 2 was not sent: Not connected to the console host. The console reconnects by itself; try again once it is back.',
    );
  });

  it('is pending while a command is in flight', async () => {
    const { script, store } = await loadedStore(twoLinks);
    let answer: (() => void) | undefined;
    script.answers['cluster.pin'] = () =>
      new Promise((resolve) => {
        answer = () => resolve({ ok: true, value: { done: true, message: 'Pinned to tm1.' } });
      });
    const sent = store.pin('tm1');
    expect(store.commandPending).toBe(true);
    answer?.();
    await sent;
    expect(store.commandPending).toBe(false);
    expect(store.lastCommand?.message).toBe('Pinned to tm1.');
  });
});
