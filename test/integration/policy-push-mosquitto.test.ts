import { connect } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushStartResult } from '../../electron/core/host/policy-contract';
import type { PushView } from '../../electron/core/policy/push-view';
import { defaultDeployment } from '../../electron/demo/default-deployment';
import { seedDeployment } from '../../electron/demo/engine/deployment';
import { startTrafficManager } from '../../electron/demo/tm/traffic-manager';
import type { TrafficManager } from '../../electron/demo/tm/traffic-manager-api';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { openPolicyCore, untilActive, untilPush, untilStatesKnown, type PolicyCore } from '../support/policy-core';
import { mosquittoTool } from '../support/tools';

const mosquitto = mosquittoTool();

// The demo's traffic manager engines behind real Mosquitto brokers: each TM talks to its own
// Mosquitto over MQTT, peers synchronize through each other's Mosquitto, and the console links
// to the Mosquittos. Pushes, failover and convergence across real broker processes.
describe.skipIf(!mosquitto.available)('policy pushes through Mosquitto brokers fronting demo engines', () => {
  let brokers: MosquittoBroker[] = [];
  let tms: TrafficManager[] = [];
  let console1: PolicyCore;

  beforeAll(async () => {
    brokers = await Promise.all([0, 1].map(() => startMosquitto(mosquitto.path ?? '')));
    const { policies, blocks } = defaultDeployment();
    tms = await Promise.all(
      brokers.map((broker, i) =>
        startTrafficManager({
          tmId: `tm${i + 1}`,
          broker: { external: true, url: broker.url },
          peers: brokers.filter((b) => b !== broker).map((b) => ({ tmId: `tm${brokers.indexOf(b) + 1}`, url: b.url })),
          seed: seedDeployment(policies, blocks),
          clock: Date.now,
          connect,
          pullOnStart: false,
        }),
      ),
    );
    console1 = await openPolicyCore({
      name: 'mosquitto',
      brokers: brokers.map((b, i) => ({ id: `tm${i + 1}`, label: `TM ${i + 1}`, url: b.url })),
      failover: { failbackHoldMs: 200, backoff: { initialMs: 100, maxMs: 1_000, multiplier: 2, jitter: true } },
    });
    await untilStatesKnown(console1.core);
    await untilActive(console1.core, 'tm1');
  });

  afterAll(async () => {
    await console1?.close();
    await Promise.all(tms.map((tm) => tm.stop()));
    await Promise.all(brokers.map((b) => b.stop()));
  });

  const limit = (requestCount: number) => ({
    type: 'REQUESTCOUNTLIMIT',
    requestCount: { timeUnit: 'min', unitTime: 1, requestCount },
  });
  const revisions = (name: string): (number | undefined)[] =>
    tms.map((tm) => tm.state().policies.find((p) => p.name === name)?.revision);

  async function done(start: PushStartResult): Promise<PushView> {
    const view = await console1.core.policies.whenDone(start.pushId ?? '');
    if (!view) throw new Error('unknown push');
    return view;
  }

  it('acknowledged by the active TM and synced 2/2 through the peers', async () => {
    await console1.call('policies.save', { body: { policyName: 'Osmium', defaultLimit: limit(12) } });
    const view = await done(await console1.call('policies.push', { key: 'application:Osmium' }));
    expect(view).toMatchObject({ phase: 'synced', message: 'Acknowledged by tm1 after 0 failovers; synced 2/2.' });
    expect(revisions('Osmium')).toEqual([1, 1]);
  });

  it("the active TM's broker frozen, then killed mid-push: the next TM completes it with the same pushId", async () => {
    await console1.call('policies.save', { body: { policyName: 'Iridium', defaultLimit: limit(7) } });
    await untilActive(console1.core, 'tm1');
    const frozen = brokers[0]?.pid();
    if (frozen === undefined) throw new Error('no mosquitto process');
    process.kill(frozen, 'SIGSTOP');
    const start = await console1.call<PushStartResult>('policies.push', { key: 'application:Iridium' });
    const acknowledged = await untilPush(console1.core, start.pushId ?? '', (v) => v.ack !== null);
    expect(acknowledged).toMatchObject({ failovers: 1, ack: { tmId: 'tm2', status: 'applied' } });
    expect(['disconnected', 'no-answer']).toContain(acknowledged.attempts[0]?.outcome);
    expect(acknowledged.attempts[0]?.brokerId).toBe('tm1');

    // The frozen broker dies with the message unread; back up, tm1 catches up from tm2.
    await brokers[0]?.kill();
    await brokers[0]?.restart();
    const view = await done(start);
    expect(view).toMatchObject({ pushId: start.pushId, phase: 'synced' });
    expect(revisions('Iridium')).toEqual([1, 1]);
    expect(tms[0]?.stats().control.applied).toBe(1);
    expect(tms[1]?.stats().control.applied).toBe(1);
  });

  it('a rejection comes back with its reason', async () => {
    const view = await done(await console1.call('policies.undeploy', { key: 'custom:Nothing' }));
    expect(view).toMatchObject({ phase: 'rejected', rejection: { reason: 'custom policy "Nothing" is not deployed' } });
  });
});
