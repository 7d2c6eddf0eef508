import { readFile } from 'node:fs/promises';
import { APP_INFO } from './app-info';
import { createAppCore, type AppCore, type AppCoreDeps } from './app-core';
import { mqttConnector } from './cluster/mqtt-connector';
import { osUser } from './os-user';
import type { BuiltInProfile } from './host/handlers/profile-handlers';
import { createProfileStore } from './profile/profile-store';
import type { SecretStore } from './profile/secret-store';
import { chooseStartupProfile } from './profile/startup-choice';

export interface AppStartOptions {
  /** The user data folder: profiles.json, policies.json and audit.ndjson live here. */
  dataDir: string;
  secrets: SecretStore;
  canStoreSecrets: boolean;
  builtIns: readonly BuiltInProfile[];
  /** `--profile FILE`: open this file instead of a stored profile. */
  profilePath: string | undefined;
  pickFile?: AppCoreDeps['pickFile'];
}

export interface StartedApp {
  core: AppCore;
  /** Why the startup profile did not open, in words; undefined when it did or none was due. */
  problem: string | undefined;
}

/** The production core for the desktop app and the web host: real brokers, stored profiles. */
export async function startApp(options: AppStartOptions): Promise<StartedApp> {
  const profiles = createProfileStore({ dir: options.dataDir, secrets: options.secrets, clock: Date.now });
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: options.secrets,
    readFile: (path) => readFile(path),
    appInfo: APP_INFO,
    profiles,
    builtInProfiles: options.builtIns,
    canStoreSecrets: options.canStoreSecrets,
    ...(options.pickFile ? { pickFile: options.pickFile } : {}),
    policies: { user: osUser(), source: 'app', dir: options.dataDir },
  });
  const choice = await chooseStartupProfile(options.profilePath, profiles, options.builtIns);
  if (!choice.ok) return { core, problem: choice.error };
  if (!choice.opened) return { core, problem: undefined };
  const opened = await core.open(choice.opened.profile, choice.opened.demo);
  return { core, problem: opened.done ? undefined : opened.message };
}
