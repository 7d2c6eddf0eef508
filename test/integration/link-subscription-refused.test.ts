import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
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

  it('connects, and says which topics this user must be allowed to subscribe to', async () => {
    aedes = await Aedes.createBroker({
      // `null` refuses this one subscription (SUBACK 0x80) and keeps the connection.
      authorizeSubscribe: (_client, subscription, done) =>
        done(null, subscription.topic === 'throttleData' ? null : subscription),
    });
    const broker = aedes;
    server = createServer((socket) => broker.handle(socket)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    const port = address && typeof address === 'object' ? address.port : 0;

    core = await openCore({ name: 'acl', brokers: [{ id: 'tm1', label: 'TM 1', url: `mqtt://127.0.0.1:${port}` }] });
    const { link } = await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    expect(link.lastError).toMatch(
      /^the broker refused a subscription \(Unspecified error\): check that this user may subscribe to tmc\/probe\/\S+, throttleData, tmc\/tm\/\+\/state, tmc\/tm\/\+\/heartbeat, tmc\/ack\/\S+$/,
    );
  });
});
