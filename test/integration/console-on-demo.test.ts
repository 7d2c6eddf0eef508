import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import { startDemoCluster, type DemoCluster } from '../../electron/demo/demo-cluster';
import { isLinkState, isSwitch, nextClusterEvent, openCore } from '../support/cluster-watch';

type Message = Extract<ClusterEvent, { type: 'message' }>;

// The console's cluster core pointed at the embedded demo cluster: its real peer.
describe('console core on the demo cluster', () => {
  let cluster: DemoCluster;
  let core: AppCore;

  beforeAll(async () => {
    cluster = await startDemoCluster({ tms: 2, rate: 200 });
    core = await openCore({ ...cluster.profile, failover: { failbackHoldMs: 500 } });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    await nextClusterEvent(core, isLinkState('tm2', 'connected'));
  });

  afterAll(async () => {
    await core?.stop();
    await cluster?.stop();
  });

  it('sees both traffic managers healthy and receives throttle decisions from each', async () => {
    const snapshot = core.cluster()?.snapshot();
    expect(snapshot?.links.map((l) => l.state)).toEqual(['connected', 'connected']);
    const fromEach = await Promise.all(
      ['tm1', 'tm2'].map((id) =>
        nextClusterEvent(
          core,
          (e): e is Message => e.type === 'message' && e.brokerId === id && e.topic === 'throttleData',
          60_000,
        ),
      ),
    );
    for (const message of fromEach) {
      const body = JSON.parse(message.payload.toString()) as { event: { payloadData: Record<string, unknown> } };
      expect(Object.keys(body.event.payloadData)).toContain('throttleKey');
    }
  });

  it("receives each traffic manager's heartbeats", async () => {
    const state = await nextClusterEvent(
      core,
      (e): e is Message => e.type === 'message' && e.topic === 'tmc/tm/tm2/heartbeat',
    );
    expect(JSON.parse(state.payload.toString())).toMatchObject({ tmId: 'tm2' });
  });

  it('moves the active broker when a node is killed, and back when it returns', async () => {
    if (core.cluster()?.snapshot().failover.active !== 'tm1') await nextClusterEvent(core, isSwitch('tm1'));
    const moved = nextClusterEvent(core, isSwitch('tm2', 'died'));
    await cluster.kill('tm1');
    await moved;
    const back = nextClusterEvent(core, isSwitch('tm1', 'failback'));
    await cluster.restart('tm1');
    await back;
  });
});
