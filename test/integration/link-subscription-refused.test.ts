import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { Aedes, type AedesOptions } from 'aedes';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import { isLinkState, nextClusterEvent, openCore } from '../support/cluster-watch';

// A broker whose access rules refuse the decision topic: the link says so in words, naming the
// topics it asked for, instead of mqtt.js's bare "Subscribe error: Unspecified error".
describe('a broker that refuses a subscription', () => {
  let aedes: Aedes | undefined;
  let server: Server | undefined;
  let core: AppCore | undefined;

  afterEach(async () => {
    await core?.stop();
    server?.close();
    await new Promise<void>((resolve) => (aedes ? aedes.close(() => resolve()) : resolve()));
  });

  /** An aedes broker on a free loopback port, asking `authorizeSubscribe` about every subscription. */
  async function brokerUrl(authorizeSubscribe: NonNullable<AedesOptions['authorizeSubscribe']>): Promise<string> {
    const broker = await Aedes.createBroker({ authorizeSubscribe });
    aedes = broker;
    server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    return `mqtt://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
  }

  it('connects, and says which topics this user must be allowed to subscribe to', async () => {
    // `null` refuses this one subscription (SUBACK 0x80) and keeps the connection.
    const url = await brokerUrl((_client, subscription, done) =>
      done(null, subscription.topic === 'throttleData' ? null : subscription),
    );
    core = await openCore({ name: 'acl', brokers: [{ id: 'tm1', label: 'TM 1', url }] });
    const { link } = await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    expect(link.lastError).toMatch(
      /^the broker refused a subscription \(Unspecified error\): check that this user may subscribe to tmc\/probe\/\S+, throttleData, tmc\/tm\/\+\/state, tmc\/tm\/\+\/heartbeat, tmc\/ack\/\S+$/,
    );
  });

  it('counts a connection closed before the subscriptions were acknowledged as a failed attempt', async () => {
    // An error closes the connection after CONNACK, before any SUBACK: never usable.
    const url = await brokerUrl((_client, _subscription, done) => done(new Error('not allowed'), null));
    core = await openCore({ name: 'acl', brokers: [{ id: 'tm1', label: 'TM 1', url }] });
    const { link } = await nextClusterEvent(
      core,
      (event): event is Extract<ClusterEvent, { type: 'link' }> =>
        event.type === 'link' && event.link.failedAttempts >= 2,
    );
    expect(link).toMatchObject({ state: 'down', lastError: 'the broker closed the connection', reconnects: 0 });
    expect(core.cluster()?.snapshot().failover.active).toBeNull();
  });
});
