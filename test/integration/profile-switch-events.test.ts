import { readFile } from 'node:fs/promises';
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

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    core = createAppCore({
      connector: mqttConnector,
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
});
