import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import { createEnvSecretStore } from '../../electron/core/profile/env-secret-store';
import { createMemorySecretStore } from '../../electron/core/profile/secret-store';
import { createProfileStore } from '../../electron/core/profile/profile-store';
import { demoBuiltIn, type DemoBuiltIn } from '../../electron/demo/demo-built-in';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { isLinkState, nextClusterEvent } from '../support/cluster-watch';

// The profile calls of the contract over a real store on disk, real secrets port and real brokers.
describe('profiles through the contract', () => {
  let core: AppCore;
  let demo: DemoBuiltIn;
  let broker: EmbeddedBroker;
  const secrets = createMemorySecretStore();

  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    demo = demoBuiltIn();
    const dir = await mkdtemp(join(tmpdir(), 'tmc-profiles-'));
    core = createAppCore({
      connector: mqttConnector,
      clock: Date.now,
      random: Math.random,
      secrets,
      readFile: (path) => readFile(path),
      appInfo: { name: 'Traffic Manager Console', version: 'test' },
      profiles: createProfileStore({ dir, secrets, clock: Date.now }),
      builtInProfiles: [demo],
      canStoreSecrets: true,
    });
  });

  afterAll(async () => {
    await core.stop();
    await demo.stop();
    await broker.close();
  });

  const call = async (name: string, payload: unknown): Promise<unknown> => {
    const result = await core.dispatch(name, payload);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('saves with field errors first, then valid, keeping the password in the secret store only', async () => {
    const bad = await call('profiles.save', {
      profile: { name: 'Lab', brokers: [{ id: 'tm1', label: 'TM 1', url: 'tcp://h:5672' }] },
    });
    expect(bad).toMatchObject({ ok: false, errors: [{ path: 'brokers.0.url' }] });
    const good = (await call('profiles.save', {
      profile: { name: 'Lab', brokers: [{ id: 'tm1', label: 'TM 1', url: broker.url }], username: 'op' },
      password: 'hunter2',
    })) as { ok: true; profile: { passwordRef?: string } };
    expect(good.ok).toBe(true);
    expect(good.profile.passwordRef).toBeDefined();
    expect(JSON.stringify(good)).not.toContain('hunter2');
    expect(await secrets.get(good.profile.passwordRef ?? '')).toBe('hunter2');
  });

  it('lists stored and built-in profiles, opens one, and remembers it', async () => {
    const opened = await call('profiles.open', { name: 'Lab' });
    expect(opened).toMatchObject({ done: true });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    const list = (await call('profiles.list', {})) as {
      profiles: { name: string }[];
      builtIn: { name: string }[];
      open: string;
      lastUsed: string;
    };
    expect(list.profiles.map((p) => p.name)).toEqual(['Lab']);
    expect(list.builtIn.map((p) => p.name)).toEqual(['Demo cluster']);
    expect(list).toMatchObject({ open: 'Lab', lastUsed: 'Lab' });
  });

  it('opens the built-in demo cluster, whose brokers can be killed and restarted', async () => {
    expect(await call('profiles.open', { name: 'Demo cluster' })).toMatchObject({ done: true });
    const snapshot = (await call('cluster.snapshot', {})) as { profileName: string; demoBrokers: string[] };
    expect(snapshot).toMatchObject({ profileName: 'Demo cluster', demoBrokers: ['tm1', 'tm2'] });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    expect(await call('demo.kill', { brokerId: 'tm1' })).toEqual({ done: true, message: 'Killed demo broker tm1.' });
    await nextClusterEvent(core, isLinkState('tm1', 'down'));
    expect(await call('demo.restart', { brokerId: 'tm1' })).toEqual({
      done: true,
      message: 'Restarted demo broker tm1.',
    });
    await nextClusterEvent(core, isLinkState('tm1', 'connected'));
    expect(await call('demo.kill', { brokerId: 'tm9' })).toMatchObject({ done: false });
    expect(
      await call('profiles.save', { profile: { name: 'Demo cluster', brokers: [] }, replacing: 'Demo cluster' }),
    ).toMatchObject({
      ok: false,
      errors: [{ message: '"Demo cluster" is built in: duplicate it to change it' }],
    });
  });

  it('imports a classic failover URL as a new profile, with the password stored', async () => {
    const url =
      "amqp://admin:s3cret@clientID/carbon?failover='roundrobin'&brokerlist='tcp://tm-a:5672;tcp://tm-b:5673'";
    const imported = (await call('profiles.importUrl', { url, name: 'Classic' })) as {
      ok: true;
      profile: { brokers: { url: string }[]; passwordRef: string };
    };
    expect(imported.ok).toBe(true);
    expect(imported.profile.brokers.map((b) => b.url)).toEqual(['mqtt://tm-a:1883', 'mqtt://tm-b:5673']);
    expect(await secrets.get(imported.profile.passwordRef)).toBe('s3cret');
    const broken = await call('profiles.importUrl', { url: "amqp://u:p@c/v?brokerlist='tcp://h:99999'" });
    expect(broken).toMatchObject({ ok: false, error: { offset: expect.any(Number) as number } });
    // A mistake that is not in the URL has no place in it to point at.
    const again = (await call('profiles.importUrl', { url, name: 'Classic' })) as {
      ok: false;
      error: { message: string; offset: number | null };
    };
    expect(again.ok).toBe(false);
    expect(again.error.offset).toBeNull();
    expect(again.error.message).toContain('Classic');
  });

  it('duplicates and deletes; deleting the open profile disconnects it', async () => {
    expect(await call('profiles.duplicate', { name: 'Lab' })).toMatchObject({
      ok: true,
      profile: { name: 'Lab (copy)' },
    });
    await call('profiles.open', { name: 'Lab (copy)' });
    expect(await call('profiles.delete', { name: 'Lab (copy)' })).toMatchObject({ ok: true });
    const snapshot = (await call('cluster.snapshot', {})) as { links: unknown[] };
    expect(snapshot.links).toEqual([]);
    expect(await call('profiles.close', {})).toEqual({ done: true, message: 'No profile was open.' });
  });
});

// The web host and the CLI have no keychain: secrets come from TMC_SECRET_<REF> variables.
describe('a classic URL with a password, imported on a host without a keychain', () => {
  it('imports the profile without the password and names the variable that will hold it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tmc-profiles-nokeychain-'));
    const secrets = createEnvSecretStore({});
    const core = createAppCore({
      connector: mqttConnector,
      clock: Date.now,
      random: Math.random,
      secrets,
      readFile: (path) => readFile(path),
      appInfo: { name: 'Traffic Manager Console', version: 'test' },
      profiles: createProfileStore({ dir, secrets, clock: Date.now }),
      builtInProfiles: [],
      canStoreSecrets: false,
    });
    try {
      const url = "amqp://admin:s3cret@clientID/carbon?brokerlist='tcp://tm-a:5672'";
      const result = await core.dispatch('profiles.importUrl', { url, name: 'Lab TMs' });
      expect(result.ok).toBe(true);
      const imported = (result.ok ? result.value : undefined) as {
        ok: true;
        profile: { name: string; username: string; passwordRef: string };
        warnings: string[];
      };
      expect(imported.ok).toBe(true);
      expect(imported.profile).toMatchObject({ name: 'Lab TMs', username: 'admin', passwordRef: 'lab-tms-password' });
      expect(imported.warnings).toContain(
        'The password in the URL was not stored: this host has no keychain. ' +
          'Set TMC_SECRET_LAB_TMS_PASSWORD in its environment before opening "Lab TMs".',
      );
      const onDisk = await readFile(join(dir, 'profiles.json'), 'utf8');
      expect(onDisk).toContain('lab-tms-password');
      expect(onDisk).not.toContain('s3cret');
    } finally {
      await core.stop();
    }
  });
});
