import { describe, expect, it } from 'vitest';
import type { LinkSnapshot } from '../../electron/core/host/contract';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import type { ClientStatus, ContractClient } from '../../renderer/src/lib/transport/contract-client';

function link(brokerId: string, state: LinkSnapshot['state']): LinkSnapshot {
  return {
    brokerId,
    label: brokerId,
    url: `mqtt://127.0.0.1/${brokerId}`,
    state,
    since: 0,
    lastError: null,
    reconnects: 0,
  };
}

/** A contract client driven by the test: it decides the snapshot, the status and the batches. */
function scriptedClient(links: LinkSnapshot[]) {
  let statusListener: ((s: ClientStatus) => void) | undefined;
  let eventListener: Parameters<ContractClient['onEvents']>[0] | undefined;
  let snapshotCalls = 0;
  const client: ContractClient = {
    kind: 'web',
    call: (async () => {
      snapshotCalls += 1;
      return { ok: true, value: { profileName: 'lab', links } };
    }) as ContractClient['call'],
    onEvents(listener) {
      eventListener = listener;
      return () => (eventListener = undefined);
    },
    onStatus(listener) {
      statusListener = listener;
      listener('connecting');
      return () => (statusListener = undefined);
    },
  };
  return {
    client,
    setStatus: (s: ClientStatus) => statusListener?.(s),
    push: (seq: number, links: LinkSnapshot[], dropped = 0) =>
      eventListener?.({ seq, dropped, events: links.map((payload) => ({ name: 'cluster.link' as const, payload })) }),
    snapshotCalls: () => snapshotCalls,
  };
}

describe('ClusterStore', () => {
  it('loads the snapshot when the host connection opens, and again after it reopens', async () => {
    const script = scriptedClient([link('tm1', 'connecting'), link('tm2', 'connected')]);
    const store = new ClusterStore(script.client);
    store.connect();
    expect(store.hostStatus).toBe('connecting');
    script.setStatus('open');
    await store.refresh();
    expect(store.profileName).toBe('lab');
    expect(store.links.map((l) => l.state)).toEqual(['connecting', 'connected']);
    script.setStatus('closed');
    script.setStatus('open');
    expect(script.snapshotCalls()).toBe(3);
  });

  it('applies link events in order and counts dropped events', async () => {
    const script = scriptedClient([link('tm1', 'connecting'), link('tm2', 'connecting')]);
    const store = new ClusterStore(script.client);
    store.connect();
    await store.refresh();
    script.push(1, [link('tm1', 'connected'), link('tm2', 'down'), link('tm1', 'reconnecting')], 2);
    expect(store.links.map((l) => l.state)).toEqual(['reconnecting', 'down']);
    expect(store.droppedEvents).toBe(2);
    expect(store.connectedCount).toBe(0);
  });

  it('ignores events for brokers it does not know', async () => {
    const script = scriptedClient([link('tm1', 'connected')]);
    const store = new ClusterStore(script.client);
    store.connect();
    await store.refresh();
    script.push(1, [link('tm9', 'down')]);
    expect(store.links.map((l) => l.brokerId)).toEqual(['tm1']);
  });
});
