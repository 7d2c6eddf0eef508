import { connect } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOPICS, type ControlMessage, type TypedPolicy } from '../../electron/core/policy/control-message';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { seedDeployment } from '../../electron/demo/engine/deployment';
import { startTrafficManager } from '../../electron/demo/tm/traffic-manager';
import type { TrafficManager } from '../../electron/demo/tm/traffic-manager-api';
import { requestEvent } from '../unit/demo/request-fixtures';
import { payloadData, TopicWatch, type Received } from './demo-support';

const limit = (requestCount: number) =>
  ({ type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } }) as const;
const SEED: TypedPolicy[] = [
  { policyType: 'application', policy: { policyName: '10PerMin', defaultLimit: limit(100) } },
];
const ACK = TOPICS.ack('console-1');
const NOON = Date.UTC(2024, 4, 1, 12, 0, 0);
const clock = (): number => NOON;

let brokers: EmbeddedBroker[] = [];
let nodes: TrafficManager[] = [];
const watches: TopicWatch[] = [];

function startNode(index: number, pullOnStart: boolean): Promise<TrafficManager> {
  const broker = brokers[index];
  if (!broker) throw new Error(`no broker ${index}`);
  return startTrafficManager({
    tmId: `tm${index + 1}`,
    broker,
    peers: brokers.filter((b) => b !== broker).map((b) => ({ tmId: `tm${brokers.indexOf(b) + 1}`, url: b.url })),
    seed: seedDeployment(SEED),
    clock,
    connect,
    pullOnStart,
    heartbeatIntervalMs: 100,
  });
}

async function watch(index: number): Promise<TopicWatch> {
  const url = brokers[index]?.url ?? '';
  const watcher = await TopicWatch.open(url, [ACK, TOPICS.throttleData, 'tmc/tm/+/state']);
  watches.push(watcher);
  return watcher;
}

beforeEach(async () => {
  brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
  nodes = await Promise.all([startNode(0, false), startNode(1, false)]);
});

afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.close()));
  await Promise.all(nodes.map((node) => node.stop()));
});

let pushes = 0;
function control(kind: ControlMessage['kind'], body: unknown, revision: number, pushId = `push-${++pushes}`): object {
  return { pushId, kind, revision, body, replyTo: ACK, issuedAt: NOON, issuedBy: 'ops' };
}

const deployApp = (name: string, requestCount: number) => ({
  policyType: 'application',
  policy: { policyName: name, defaultLimit: limit(requestCount) },
});

/** Waits for the retained state of `tmId` as seen through `watcher` to satisfy `predicate`. */
function stateWhere(
  watcher: TopicWatch,
  tmId: string,
  predicate: (state: Record<string, unknown>) => boolean,
): Promise<Received> {
  return watcher.next((m) => m.topic === TOPICS.state(tmId) && predicate(m.json as Record<string, unknown>));
}

const hasPolicy = (name: string, revision: number) => (state: Record<string, unknown>) =>
  (state.policies as { name: string; revision: number }[]).some((p) => p.name === name && p.revision === revision);

describe('control messages', () => {
  it('applies once cluster-wide: applied, duplicate on replay, duplicate on the peer after failover', async () => {
    const [console1, console2] = [await watch(0), await watch(1)];
    const message = control('policy.deploy', deployApp('Bronze', 5), 1);
    await console1.publish(TOPICS.control, message);
    expect((await console1.next((m) => m.topic === ACK)).json).toEqual({
      pushId: 'push-1',
      tmId: 'tm1',
      status: 'applied',
      revision: 1,
    });
    await stateWhere(console1, 'tm1', hasPolicy('Bronze', 1));
    // The peer got it through tmc/sync; a console failing over replays the same push there.
    await stateWhere(console2, 'tm2', hasPolicy('Bronze', 1));
    await console2.publish(TOPICS.control, message);
    expect((await console2.next((m) => m.topic === ACK)).json).toEqual({
      pushId: 'push-1',
      tmId: 'tm2',
      status: 'duplicate',
      revision: 1,
      reason: 'push push-1 was already applied',
    });
    await console1.publish(TOPICS.control, message);
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({ status: 'duplicate', tmId: 'tm1' });
    expect(nodes.map((node) => node.stats().control)).toEqual([
      { applied: 1, duplicate: 1, rejected: 0 },
      { applied: 0, duplicate: 1, rejected: 0 },
    ]);
  });

  it('rejects an invalid policy with reasons and deploys nothing; rejects stale revisions', async () => {
    const console1 = await watch(0);
    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('Bad', 0), 1));
    expect((await console1.next((m) => m.topic === ACK)).json).toEqual({
      pushId: 'push-2',
      tmId: 'tm1',
      status: 'rejected',
      revision: 0,
      reason: 'body.policy.defaultLimit.requestCount.requestCount: must be greater than 0',
      errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
    });
    expect(nodes[0]?.state().policies.map((p) => p.name)).toEqual(['10PerMin']);

    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('10PerMin', 50), 3));
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({ status: 'applied', revision: 3 });
    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('10PerMin', 60), 2));
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({
      status: 'rejected',
      revision: 3,
      reason: 'revision 2 is older than revision 3 of application policy "10PerMin" on this traffic manager',
    });
  });

  it('rejects a policy nested too deep to handle with the path, deploys nothing, and keeps answering', async () => {
    const console1 = await watch(0);
    // 20,000 levels: well within the size cap, far beyond what recursive JSON handling survives.
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const message = JSON.stringify(control('policy.deploy', deployApp('Deep', 5), 1)).replace(
      '"policyName":"Deep"',
      `"policyName":"Deep","extra":${deep}`,
    );
    await console1.publish(TOPICS.control, message);
    const ack = (await console1.next((m) => m.topic === ACK)).json as Record<string, unknown>;
    expect(ack).toMatchObject({ tmId: 'tm1', status: 'rejected', revision: 0 });
    expect(ack.reason).toMatch(/^body\.policy\.extra\.a\.a\.[a.]+: nests objects and arrays deeper than 64 levels$/);
    expect(nodes[0]?.stats()).toMatchObject({ handlerErrors: 0, control: { applied: 0, rejected: 1 } });
    expect(nodes[0]?.state().policies.map((p) => p.name)).toEqual(['10PerMin']);

    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('Shallow', 5), 1));
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({ status: 'applied' });
  });

  it('counts a control message it cannot answer (no reply topic) as rejected input', async () => {
    const console1 = await watch(0);
    await console1.publish(TOPICS.control, { pushId: 'x', kind: 'block.remove' });
    expect(nodes[0]?.stats().rejectedInput.total).toBe(1);
    expect(console1.all(ACK)).toEqual([]);
  });

  it('adds a blocking condition on every TM, applies it to requests, and removes it', async () => {
    const [console1, console2] = [await watch(0), await watch(1)];
    const block = {
      conditionId: 'b1',
      conditionType: 'USER',
      conditionValue: 'admin@carbon.super',
      conditionStatus: true,
    };
    await console1.publish(TOPICS.control, control('block.add', block, 1));
    const expected = {
      blockingCondition: 'USER',
      conditionValue: 'admin@carbon.super',
      state: 'true',
      id: 'b1',
      tenantDomain: 'carbon.super',
    };
    for (const watcher of [console1, console2]) {
      expect(payloadData(await watcher.next((m) => m.topic === TOPICS.throttleData))).toEqual(expected);
    }
    await console2.publish(TOPICS.requests, requestEvent());
    expect(nodes[1]?.stats()).toMatchObject({ requests: 1, blocked: 1 });
    expect(nodes[1]?.state().blocks).toMatchObject([{ conditionId: 'b1', enabled: true, revision: 1 }]);

    await console1.publish(TOPICS.control, control('block.remove', { conditionId: 'b1' }, 2));
    for (const watcher of [console1, console2]) {
      expect(payloadData(await watcher.next((m) => m.topic === TOPICS.throttleData))).toEqual({
        ...expected,
        state: 'false',
      });
    }
  });

  it('resets a throttled key, telling gateways it is free again', async () => {
    const console1 = await watch(0);
    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('10PerMin', 1), 2));
    await console1.next((m) => m.topic === ACK);
    await console1.publish(TOPICS.requests, requestEvent());
    const throttled = payloadData(await console1.next((m) => m.topic === TOPICS.throttleData));
    expect(throttled).toMatchObject({ throttleKey: '12:admin@carbon.super', isThrottled: true });
    await console1.publish(TOPICS.control, control('counters.reset', { throttleKey: '12:admin@carbon.super' }, 1));
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({ status: 'applied' });
    // The un-throttle is for the window it lifts, so a console does not take it for a stale report.
    expect(payloadData(await console1.next((m) => m.topic === TOPICS.throttleData))).toEqual({
      throttleKey: '12:admin@carbon.super',
      isThrottled: false,
      expiryTimeStamp: NOON + 60_000,
    });
    expect(throttled).toMatchObject({ expiryTimeStamp: NOON + 60_000 });
  });

  it('stores and syncs a custom rule without evaluating it, and says so', async () => {
    const [console1, console2] = [await watch(0), await watch(1)];
    const rule = {
      policyType: 'custom',
      policy: {
        policyName: 'AdminLimit',
        siddhiQuery: 'FROM RequestStream SELECT userId INSERT INTO EligibilityStream;',
        keyTemplate: '$userId',
      },
    };
    await console1.publish(TOPICS.control, control('policy.deploy', rule, 1));
    expect(payloadData(await console1.next((m) => m.topic === TOPICS.throttleData))).toEqual({
      keyTemplateValue: '$userId',
      keyTemplateState: 'add',
    });
    const state = await stateWhere(console2, 'tm2', hasPolicy('AdminLimit', 1));
    expect((state.json as { policies: unknown[] }).policies).toContainEqual(
      expect.objectContaining({ name: 'AdminLimit', type: 'custom', evaluated: false }),
    );
  });

  it('a restarted TM pulls the deployment from its peer before it evaluates traffic', async () => {
    const console1 = await watch(0);
    await nodes[1]?.stop();
    const port = brokers[1]?.port ?? 0;
    // While tm2 is down the cluster gets a new, strict policy.
    await console1.publish(TOPICS.control, control('policy.deploy', deployApp('10PerMin', 2), 2));
    expect((await console1.next((m) => m.topic === ACK)).json).toMatchObject({ status: 'applied' });

    brokers[1] = await startEmbeddedBroker({ port });
    const restarted = await startNode(1, true);
    nodes[1] = restarted;
    expect(restarted.state()).toMatchObject({
      phase: 'serving',
      syncedFrom: 'tm1',
      policies: [{ name: '10PerMin', revision: 2 }],
    });
    // Its very first requests are counted against the pulled limit of 2, not the seed's 100.
    const gateway = await watch(1);
    await gateway.publish(TOPICS.requests, requestEvent());
    await gateway.publish(TOPICS.requests, requestEvent());
    expect(payloadData(await gateway.next((m) => m.topic === TOPICS.throttleData))).toMatchObject({
      throttleKey: '12:admin@carbon.super',
      isThrottled: true,
    });
  });
});
