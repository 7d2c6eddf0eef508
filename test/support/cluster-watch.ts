import { readFile } from 'node:fs/promises';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import type { SecretReader } from '../../electron/core/cluster/link-config-builder';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import { NO_SECRETS } from '../../electron/core/profile/no-secrets';
import { ProfileSchema, type ProfileInput } from '../../electron/core/profile/profile-schema';
import { nextEvent } from './next-event';

/** An app core on real mqtt.js clients, opened on `profile`. */
export async function openCore(profile: ProfileInput, secrets: SecretReader = NO_SECRETS): Promise<AppCore> {
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets,
    readFile: (path) => readFile(path),
    appInfo: { name: 'Traffic Manager Console', version: 'test' },
    eventHub: { flushIntervalMs: 10 },
  });
  const opened = await core.open(ProfileSchema.parse(profile));
  if (!opened.done) throw new Error(opened.message);
  return core;
}

/**
 * Resolves with the first cluster event that matches, from now on. Event-driven: no polling.
 * Rejects after `timeoutMs` listing what was seen, so a failure says what happened instead.
 */
export function nextClusterEvent<T extends ClusterEvent>(
  core: AppCore,
  match: (event: ClusterEvent) => event is T,
  timeoutMs = 15_000,
): Promise<T> {
  return nextEvent({
    subscribe: (listener: (event: ClusterEvent) => void) => core.onClusterEvent(listener),
    pick: (event) => (match(event) ? event : undefined),
    what: 'cluster event',
    describe: (event) => {
      if (event.type === 'link') return `${event.link.brokerId}:${event.link.state}`;
      if (event.type === 'switch') return `switch ${event.event.from}>${event.event.to} ${event.event.reason}`;
      return undefined;
    },
    timeoutMs,
  });
}

export const isSwitch =
  (to: string | null, reason?: string) =>
  (event: ClusterEvent): event is Extract<ClusterEvent, { type: 'switch' }> =>
    event.type === 'switch' && event.event.to === to && (reason === undefined || event.event.reason === reason);

export const isLinkState =
  (brokerId: string, state: string) =>
  (event: ClusterEvent): event is Extract<ClusterEvent, { type: 'link' }> =>
    event.type === 'link' && event.link.brokerId === brokerId && event.link.state === state;

/** The active broker now, or after the next switch if none is active yet. */
export async function activeBroker(core: AppCore): Promise<string | null> {
  return core.cluster()?.snapshot().failover.active ?? null;
}
