import { afterEach, describe, expect, it } from 'vitest';
import { TOPICS } from '../../electron/core/policy/control-message';
import { startDemoCluster, type DemoCluster } from '../../electron/demo/demo-cluster';
import type { DemoDeployment } from '../../electron/demo/default-deployment';
import type { Verdict } from '../../electron/demo/gateway/gateway-simulator';
import type { ReceiverSwitch } from '../../electron/demo/gateway/failover-receiver';
import { TopicWatch } from './demo-support';

const limit = (requestCount: number) =>
  ({ type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } }) as const;

/** Every application tier of the default mix at 5 per minute: the gateway sees 429s within a second. */
const STRICT: DemoDeployment = {
  policies: ['50PerMin', '20PerMin', 'Unlimited'].map((policyName) => ({
    policyType: 'application',
    policy: { policyName, defaultLimit: limit(5) },
  })),
  blocks: [],
};

let cluster: DemoCluster | undefined;
const watches: TopicWatch[] = [];
afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.close()));
  await cluster?.stop();
  cluster = undefined;
});

function nextVerdict(c: DemoCluster, wanted: Verdict): Promise<void> {
  return new Promise((resolve) => {
    const off = c.gateway?.onRequest((_event, verdict) => {
      if (verdict !== wanted) return;
      off?.();
      resolve();
    });
  });
}

function nextSwitch(c: DemoCluster): Promise<ReceiverSwitch> {
  return new Promise((resolve) => {
    const off = c.gateway?.onSwitch((event) => {
      if (event.from === null) return;
      off?.();
      resolve(event);
    });
  });
}

describe('demo cluster', () => {
  it('runs a gateway whose requests get throttled, and fails its receiver over when a TM dies', async () => {
    cluster = await startDemoCluster({ tms: 2, rate: 200, deployment: STRICT, heartbeatIntervalMs: 200 });
    expect(cluster.profile.brokers.map((b) => b.id)).toEqual(['tm1', 'tm2']);
    await nextVerdict(cluster, 'throttled');
    const stats = cluster.gateway?.stats();
    expect(stats?.map.decisions).toBeGreaterThan(0);
    expect(stats?.receiver).toMatchObject({ url: cluster.nodes[0]?.url, connected: true });

    const switched = nextSwitch(cluster);
    await cluster.kill('tm1');
    expect(cluster.nodes[0]?.running).toBe(false);
    expect(await switched).toMatchObject({
      from: cluster.nodes[0]?.url,
      to: cluster.nodes[1]?.url,
      reason: expect.stringMatching(/connection lost$/) as unknown,
    });
    // The gateway keeps serving through the surviving TM.
    await nextVerdict(cluster, 'allowed');
    expect(cluster.nodes[1]?.tm?.stats().requests).toBeGreaterThan(0);
  });

  it('restarts a killed node that pulls what changed while it was down', async () => {
    cluster = await startDemoCluster({ tms: 2, rate: 0, deployment: STRICT });
    const [tm1, tm2] = cluster.nodes;
    if (!tm1 || !tm2) throw new Error('two nodes expected');
    await cluster.kill('tm2');
    expect(tm2.tm).toBeUndefined();

    const console1 = await TopicWatch.open(tm1.url, [TOPICS.ack('c')]);
    watches.push(console1);
    await console1.publish(TOPICS.control, {
      pushId: 'p-1',
      kind: 'policy.deploy',
      revision: 2,
      replyTo: TOPICS.ack('c'),
      issuedAt: Date.now(),
      issuedBy: 'test',
      body: { policyType: 'application', policy: { policyName: 'Unlimited', defaultLimit: limit(1000) } },
    });
    expect((await console1.next(() => true)).json).toMatchObject({ status: 'applied', tmId: 'tm1' });

    await cluster.restart('tm2');
    expect(tm2.running).toBe(true);
    expect(tm2.tm?.state()).toMatchObject({ phase: 'serving', syncedFrom: 'tm1' });
    expect(tm2.tm?.state().policies.find((p) => p.name === 'Unlimited')?.revision).toBe(2);
    // The profile still points at the same address.
    expect(cluster.profile.brokers[1]?.url).toBe(tm2.url);
    await expect(cluster.kill('tm9')).rejects.toThrow('The demo cluster has no traffic manager "tm9".');
  });
});
