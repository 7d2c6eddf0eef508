import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { TopicWatch } from './demo-support';

let broker: EmbeddedBroker | undefined;
afterEach(async () => {
  await broker?.close();
});

describe('embedded broker', () => {
  it('delivers every message when QoS 0, QoS 1 and retained publishes interleave (aedes#994)', async () => {
    broker = await startEmbeddedBroker();
    const watch = await TopicWatch.open(broker.url, ['t/#']);
    const aedes = broker.aedes;
    const payloads: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const qos = i % 3 === 0 ? 0 : 1;
      const retain = i % 3 === 2;
      payloads.push(String(i));
      aedes.publish(
        { cmd: 'publish', topic: `t/${i % 3}`, payload: Buffer.from(String(i)), qos, retain, dup: false },
        () => undefined,
      );
    }
    // And from a client, through the socket.
    const client = await connectAsync(broker.url, { protocolVersion: 4 });
    for (let i = 30; i < 40; i += 1) {
      payloads.push(String(i));
      client.publish(`t/${i % 3}`, String(i), { qos: i % 2 === 0 ? 0 : 1, retain: i % 5 === 0 });
    }
    const received = await Promise.all(payloads.map((payload) => watch.next((m) => m.text === payload)));
    expect(received.map((m) => m.text).sort()).toEqual([...payloads].sort());
    await client.endAsync(true);
    await watch.close();
  });

  it('still delivers a message once to a client whose subscriptions overlap', async () => {
    broker = await startEmbeddedBroker();
    const watch = await TopicWatch.open(broker.url, ['a/#', 'a/b']);
    broker.aedes.publish(
      { cmd: 'publish', topic: 'a/b', payload: Buffer.from('x'), qos: 1, retain: false, dup: false },
      () => undefined,
    );
    broker.aedes.publish(
      { cmd: 'publish', topic: 'a/c', payload: Buffer.from('end'), qos: 0, retain: false, dup: false },
      () => undefined,
    );
    await watch.next((m) => m.text === 'end');
    await watch.next((m) => m.text === 'x');
    expect(watch.all('a/b')).toHaveLength(1);
    await watch.close();
  });
});
