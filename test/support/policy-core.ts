import { mkdtemp, rm } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore, type PolicyHostOptions } from '../../electron/core/app-core';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import { NO_SECRETS } from '../../electron/core/profile/no-secrets';
import { ProfileSchema, type ProfileInput } from '../../electron/core/profile/profile-schema';
import type { PushView } from '../../electron/core/policy/push-view';
import { isSwitch, nextClusterEvent } from './cluster-watch';

export interface PolicyCore {
  core: AppCore;
  dir: string;
  call<T>(name: string, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

/** An app core keeping its policy catalog and audit log in a fresh temporary folder, opened on `profile`. */
export async function openPolicyCore(
  profile: ProfileInput,
  options: Partial<PolicyHostOptions> = {},
): Promise<PolicyCore> {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-policies-'));
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: { name: 'Traffic Manager Console', version: 'test' },
    eventHub: { flushIntervalMs: 10 },
    policies: { user: 'ops', source: 'app', dir, ...options },
  });
  const opened = await core.open(ProfileSchema.parse(profile));
  if (!opened.done) throw new Error(opened.message);
  return {
    core,
    dir,
    async call<T>(name: string, payload: unknown): Promise<T> {
      const result = await core.dispatch(name, payload);
      if (!result.ok) throw new Error(`${name}: ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`);
      return result.value as T;
    },
    async close() {
      await core.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once every broker's link is connected and its TM's retained state has arrived. */
export function untilStatesKnown(core: AppCore, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const known = (): boolean => {
      const all = core.reports.all();
      return all.length > 0 && all.every((r) => r.tracked?.live === true);
    };
    if (known()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `states not known within ${timeoutMs} ms: ${JSON.stringify(core.reports.all().map((r) => [r.brokerId, r.tracked?.live]))}`,
        ),
      );
    }, timeoutMs);
    const off = core.reports.on(() => {
      if (!known()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** The push's view once `done` says so, by its progress events; rejects after `timeoutMs` with the last view. */
export function untilPush(
  core: AppCore,
  pushId: string,
  done: (view: PushView) => boolean,
  timeoutMs = 20_000,
): Promise<PushView> {
  return new Promise((resolve, reject) => {
    const now = core.policies.pushes(pushId)[0];
    if (now && done(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`push ${pushId} not done within ${timeoutMs} ms: ${JSON.stringify(core.policies.pushes(pushId)[0])}`),
      );
    }, timeoutMs);
    const off = core.policies.on((event) => {
      if (event.type !== 'push' || event.view.pushId !== pushId || !done(event.view)) return;
      clearTimeout(timer);
      off();
      resolve(event.view);
    });
  });
}

export const ended = (view: PushView): boolean =>
  ['acknowledged', 'synced', 'lagging', 'rejected', 'failed'].includes(view.phase);

/** Resolves once `brokerId` is the active broker (priority mode fails back to it after its hold). */
export async function untilActive(core: AppCore, brokerId: string, timeoutMs = 15_000): Promise<void> {
  if (core.cluster()?.snapshot().failover.active === brokerId) return;
  await nextClusterEvent(core, isSwitch(brokerId), timeoutMs);
}
