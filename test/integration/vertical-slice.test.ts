import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/app-core';
import { profileFromUrls } from '../../electron/core/profile/profile-schema';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { openCore } from '../support/cluster-watch';
import { waitForLink } from '../support/link-watch';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { mosquittoTool } from '../support/tools';

// The slice is watched through contract events (what a UI receives), not cluster internals.
const coreFor = (urls: string[]): Promise<AppCore> => openCore(profileFromUrls('slice', urls));

const mosquitto = mosquittoTool();

describe.skipIf(!mosquitto.available)('vertical slice against Mosquitto processes', () => {
  let brokers: MosquittoBroker[] = [];
  let core: AppCore;

  beforeAll(async () => {
    brokers = await Promise.all([startMosquitto(mosquitto.path ?? ''), startMosquitto(mosquitto.path ?? '')]);
    core = await coreFor(brokers.map((b) => b.url));
  });

  afterAll(async () => {
    await core?.stop();
    await Promise.all(brokers.map((b) => b.stop()));
  });

  it('connects to every broker, goes down when one is killed, reconnects when it restarts', async () => {
    await waitForLink(core, 'tm1', 'connected');
    await waitForLink(core, 'tm2', 'connected');

    await brokers[0]?.kill();
    const down = await waitForLink(core, 'tm1', 'down');
    expect(down.lastError).toBe('connection refused: nothing is listening at that address');
    const other = await waitForLink(core, 'tm2', 'connected');
    expect(other.reconnects).toBe(0);

    await brokers[0]?.restart();
    const back = await waitForLink(core, 'tm1', 'connected');
    expect(back.lastError).toBeNull();
    expect(back.reconnects).toBeGreaterThan(0);
  });
});

describe('vertical slice against the embedded broker (aedes, MQTT 3.1.1)', () => {
  let broker: EmbeddedBroker;
  let core: AppCore;

  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    core = await coreFor([broker.url]);
  });

  afterAll(async () => {
    await core?.stop();
    await broker?.close();
  });

  it('connects, goes down when the broker is killed, reconnects when it restarts', async () => {
    await waitForLink(core, 'tm1', 'connected');
    await broker.kill();
    const down = await waitForLink(core, 'tm1', 'down');
    expect(down.lastError).toBe('connection refused: nothing is listening at that address');
    await broker.restart();
    await waitForLink(core, 'tm1', 'connected');
  });

  it('reports an unreachable broker as down with the reason in words', async () => {
    const unreachable = await coreFor(['mqtt://127.0.0.1:1']);
    try {
      const link = await waitForLink(unreachable, 'tm1', 'down');
      expect(link.lastError).toBe('connection refused: nothing is listening at that address');
    } finally {
      await unreachable.stop();
    }
  });
});
