import { readFile } from 'node:fs/promises';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import { createMemorySecretStore } from '../../electron/core/profile/secret-store';
import { profileFromUrls } from '../../electron/core/profile/profile-schema';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { isLinkState, nextClusterEvent } from '../support/cluster-watch';

// Two profiles name their brokers alike (tm1): the first one's last events must reach the UI
// before the second is open, or they would overwrite the second's fresh snapshot.
describe('switching profiles', () => {
  let brokers: EmbeddedBroker[] = [];
  let core: AppCore;
  // Every client the core made, to see which are still live (neither ended nor ending).
  const clients: MqttClient[] = [];
  const liveUrls = (): string[] =>
    clients.filter((c) => !c.disconnecting && !c.disconnected).map((c) => `mqtt://127.0.0.1:${c.options.port}`);

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    core = createAppCore({
      connector: (url, options) => {
        const client = mqttConnector(url, options);
        clients.push(client);
        return client;
      },
      clock: Date.now,
      random: Math.random,
      secrets: createMemorySecretStore(),
      readFile: (path) => readFile(path),
      appInfo: { name: 'Traffic Manager Console', version: 'test' },
      // A flush only on demand: what is delivered below was flushed by the switch itself.
      eventHub: { flushIntervalMs: 3_600_000 },
    });
  });

  afterAll(async () => {
    await core.stop();
    await Promise.all(brokers.map((b) => b.close()));
  });

  it("delivers the closed cluster's events before the next cluster is open", async () => {
    const delivered: string[] = [];
    core.events.subscribe((batch) => {
      for (const event of batch.events) if (event.name === 'cluster.link') delivered.push(event.payload.url);
    });
    await core.open(profileFromUrls('first', [brokers[0]?.url ?? '']));
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    expect(delivered).toEqual([]);
    await core.open(profileFromUrls('second', [brokers[1]?.url ?? '']));
    expect(delivered.length).toBeGreaterThan(0);
    expect(new Set(delivered)).toEqual(new Set([brokers[0]?.url]));
  });

  it('opening two profiles in quick succession leaves only the second one connected', async () => {
    const [first, second] = await Promise.all([
      core.open(profileFromUrls('first', [brokers[0]?.url ?? ''])),
      core.open(profileFromUrls('second', [brokers[1]?.url ?? ''])),
    ]);
    expect([first.done, second.done]).toEqual([true, true]);
    expect(core.cluster()?.snapshot().profileName).toBe('second');
    expect(liveUrls()).toEqual([brokers[1]?.url]);
  });

  it('a close while a profile is opening leaves nothing open', async () => {
    const opening = core.open(profileFromUrls('first', [brokers[0]?.url ?? '']));
    await core.close();
    await opening;
    expect(core.cluster()).toBeUndefined();
    expect(liveUrls()).toEqual([]);
  });
});
