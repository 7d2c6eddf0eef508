import { connect } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { FailoverReceiver, type ReceiverSwitch } from '../../electron/demo/gateway/failover-receiver';

let brokers: EmbeddedBroker[] = [];
let receiver: FailoverReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  await Promise.all(brokers.map((b) => b.close()));
});

function nextSwitch(r: FailoverReceiver): Promise<ReceiverSwitch> {
  return new Promise((resolve) => {
    const off = r.onSwitch((event) => {
      off();
      resolve(event);
    });
  });
}

function nextMessage(r: FailoverReceiver): Promise<{ text: string; url: string }> {
  return new Promise((resolve) => {
    const off = r.onMessage((payload, url) => {
      off();
      resolve({ text: payload.toString(), url });
    });
  });
}

const publish = (broker: EmbeddedBroker | undefined, text: string): void =>
  broker?.aedes.publish(
    { cmd: 'publish', topic: 'throttleData', payload: Buffer.from(text), qos: 0, retain: false, dup: false },
    () => undefined,
  );

describe('failover receiver', () => {
  it('listens to one broker at a time and moves on to the next when it dies, round robin', async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    const [a, b] = brokers;
    receiver = new FailoverReceiver({
      urls: brokers.map((x) => x.url),
      topic: 'throttleData',
      connect,
      clock: Date.now,
      connectDelayMs: 20,
    });
    const first = nextSwitch(receiver);
    receiver.start();
    expect(await first).toMatchObject({ from: null, to: a?.url, reason: 'first connection' });

    // Only the broker it is connected to reaches it.
    const message = nextMessage(receiver);
    publish(b, 'from b');
    publish(a, 'from a');
    expect(await message).toEqual({ text: 'from a', url: a?.url });

    const second = nextSwitch(receiver);
    await a?.kill();
    expect(await second).toMatchObject({ from: a?.url, to: b?.url, reason: `${a?.url}: connection lost` });
    const third = nextSwitch(receiver);
    await a?.restart();
    await b?.kill();
    expect(await third).toMatchObject({ from: b?.url, to: a?.url });
    expect(receiver.status()).toMatchObject({ url: a?.url, connected: true, switches: 2 });
  });
});
