import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { isLinkState, isSwitch, nextClusterEvent, openCore } from '../support/cluster-watch';

// The same failover over the embedded broker (aedes, MQTT 3.1.1), in-process.
describe('failover across three embedded brokers (MQTT 3.1.1)', () => {
  let brokers: EmbeddedBroker[] = [];
  let core: AppCore;

  beforeAll(async () => {
    brokers = await Promise.all([0, 1, 2].map(() => startEmbeddedBroker()));
    core = await openCore({
      name: 'aedes',
      brokers: brokers.map((b, i) => ({ id: `tm${i + 1}`, label: `TM ${i + 1}`, url: b.url })),
      mqttVersion: '3.1.1',
      failover: { failbackHoldMs: 500, backoff: { initialMs: 100, maxMs: 1_000, multiplier: 2, jitter: true } },
    });
    for (const id of ['tm1', 'tm2', 'tm3']) await nextClusterEvent(core, isLinkState(id, 'connected'));
  });

  afterAll(async () => {
    await core?.stop();
    await Promise.all(brokers.map((b) => b.close()));
  });

  it('measures a round trip through each broker', async () => {
    const withRtt = await nextClusterEvent(
      core,
      (e): e is Extract<typeof e, { type: 'link' }> =>
        e.type === 'link' && e.link.brokerId === 'tm2' && e.link.rttMs !== null,
    );
    expect(withRtt.link.rttMs).toBeLessThan(1_000);
    expect(withRtt.link.rttHistory.length).toBeGreaterThan(0);
  });

  it('moves off a killed broker and fails back when it returns', async () => {
    if (core.cluster()?.snapshot().failover.active !== 'tm1') await nextClusterEvent(core, isSwitch('tm1'));
    const moved = nextClusterEvent(core, isSwitch('tm2', 'died'));
    await brokers[0]?.kill();
    expect((await moved).event.from).toBe('tm1');
    const back = nextClusterEvent(core, isSwitch('tm1', 'failback'));
    await brokers[0]?.restart();
    await back;
  });
});
