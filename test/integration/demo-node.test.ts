import { connect } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { TypedPolicy } from '../../electron/core/policy/control-message';
import { TOPICS } from '../../electron/core/policy/control-message';
import { startEmbeddedBroker } from '../../electron/demo/embedded-broker';
import { compilePolicies } from '../../electron/demo/engine/compile-deployment';
import { Deployment, seedDeployment } from '../../electron/demo/engine/deployment';
import { evaluable } from '../../electron/demo/engine/request-event';
import { ThrottleEngine, type Decision } from '../../electron/demo/engine/throttle-engine';
import { startTrafficManager } from '../../electron/demo/tm/traffic-manager';
import type { TrafficManager } from '../../electron/demo/tm/traffic-manager-api';
import { requestEvent } from '../unit/demo/request-fixtures';
import { TopicWatch } from './demo-support';

const NOON = Date.UTC(2024, 4, 1, 12, 0, 0);
const limit = (requestCount: number) =>
  ({ type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } }) as const;

const POLICIES: TypedPolicy[] = [
  { policyType: 'application', policy: { policyName: '10PerMin', defaultLimit: limit(3) } },
  {
    policyType: 'advanced',
    policy: {
      policyName: 'Tiers',
      defaultLimit: limit(4),
      conditionalGroups: [
        {
          description: 'free',
          conditions: [{ type: 'HEADERCONDITION', headerCondition: { headerName: 'x-tier', headerValue: 'free' } }],
          limit: limit(2),
        },
      ],
    },
  },
];

let now = NOON;
const clock = (): number => now;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startNodes(count: number): Promise<TrafficManager[]> {
  const brokers = await Promise.all(Array.from({ length: count }, () => startEmbeddedBroker()));
  const nodes = await Promise.all(
    brokers.map((broker, i) =>
      startTrafficManager({
        tmId: `tm${i + 1}`,
        broker,
        peers: brokers.filter((b) => b !== broker).map((b) => ({ tmId: `tm${brokers.indexOf(b) + 1}`, url: b.url })),
        seed: seedDeployment(POLICIES),
        clock,
        connect,
        pullOnStart: false,
        heartbeatIntervalMs: 100,
      }),
    ),
  );
  cleanups.push(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  });
  return nodes;
}

async function watch(url: string, topics: string[]): Promise<TopicWatch> {
  const watcher = await TopicWatch.open(url, topics);
  cleanups.push(() => watcher.close());
  return watcher;
}

describe('traffic manager nodes', () => {
  it('two nodes receiving the same events publish the same decisions, only on state changes', async () => {
    const nodes = await startNodes(2);
    const watchers = await Promise.all(nodes.map((node) => watch(node.url, [TOPICS.throttleData])));
    const gateways = await Promise.all(nodes.map((node) => watch(node.url, [])));

    // The same traffic through the pure engine gives the decisions to expect.
    const reference = new ThrottleEngine();
    const local = new Deployment();
    local.merge(seedDeployment(POLICIES));
    reference.setPolicies(compilePolicies(local.policies()));
    const expected: Decision[] = [];
    const send = async (at: number, properties: Record<string, string>): Promise<void> => {
      now = at;
      const event = requestEvent({}, properties);
      expected.push(...reference.evaluate(evaluable(event), at).decisions);
      await Promise.all(gateways.map((gateway) => gateway.publish(TOPICS.requests, event)));
    };
    for (let i = 0; i < 5; i += 1) await send(NOON + 1_000 + i, i % 2 === 0 ? { 'x-tier': 'free' } : {});
    for (let i = 0; i < 2; i += 1) await send(NOON + 61_000 + i, i === 0 ? { 'x-tier': 'free' } : {});

    expect(expected.map((d) => `${d.throttleKey} ${d.isThrottled}`)).toEqual([
      '/pizzashack/1.0.0/1.0.0/menu:GET_condition_0 true',
      '12:admin@carbon.super true',
      '/pizzashack/1.0.0/1.0.0/menu:GET_condition_0 false',
      '12:admin@carbon.super false',
    ]);
    const published = await Promise.all(watchers.map((w) => w.count(TOPICS.throttleData, expected.length)));
    for (const messages of published) {
      expect(messages).toEqual(expected.map((decision) => ({ event: { payloadData: decision } })));
    }
    // Nothing beyond the state changes left either node.
    for (const node of nodes) expect(node.stats()).toMatchObject({ requests: 7, decisions: expected.length });
  });

  it('publishes retained state and a heartbeat, and counts malformed requests with a reason', async () => {
    const [node] = await startNodes(1);
    if (!node) throw new Error('no node');
    const watcher = await watch(node.url, [TOPICS.state('tm1'), TOPICS.heartbeat('tm1')]);
    const state = await watcher.next((m) => m.topic === TOPICS.state('tm1'));
    expect(state.json).toMatchObject({
      tmId: 'tm1',
      phase: 'serving',
      syncedFrom: null,
      policies: [
        { name: '10PerMin', type: 'application', revision: 1, evaluated: true },
        { name: 'Tiers', type: 'advanced', revision: 1, evaluated: true },
      ],
      blocks: [],
    });
    const beat = await watcher.next((m) => m.topic === TOPICS.heartbeat('tm1'));
    expect(beat.json).toMatchObject({
      tmId: 'tm1',
      seq: expect.any(Number) as unknown,
      requestsPerSec: 0,
      decisionsPerSec: 0,
    });

    // Heartbeat rates add up to the requests received (100 ms beats: a rate of 10/s is one request).
    for (let i = 0; i < 3; i += 1) await watcher.publish(TOPICS.requests, requestEvent());
    let counted = 0;
    while (counted < 3) {
      const next = await watcher.next((m) => m.topic === TOPICS.heartbeat('tm1'));
      counted += (next.json as { requestsPerSec: number }).requestsPerSec / 10;
    }
    expect(counted).toBe(3);

    await watcher.publish(TOPICS.requests, '{"messageID": 1}');
    await watcher.publish(TOPICS.requests, 'not json');
    expect(node.stats()).toMatchObject({ requests: 5, handlerErrors: 0 });
    expect(node.stats().rejectedInput).toMatchObject({
      total: 2,
      byReason: { 'tmc/requests: messageID: must be text (got 1)': 1 },
      samples: [
        { reason: 'messageID: must be text (got 1)' },
        { reason: expect.stringMatching(/^not JSON/) as unknown },
      ],
    });
  });
});
