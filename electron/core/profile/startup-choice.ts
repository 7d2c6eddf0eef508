import type { OpenedProfile } from '../cluster-session';
import type { BuiltInProfile } from '../host/handlers/profile-handlers';
import { readProfileFile } from './profile-file';
import type { ProfileStore } from './profile-store';

export type StartupChoice = { ok: true; opened: OpenedProfile | undefined } | { ok: false; error: string };

/**
 * What to open at start: a `--profile FILE` when given; else the profile used last; else, when
 * the operator has no profile at all, the first built-in one (the demo cluster); else nothing,
 * and the operator picks.
 */
export async function chooseStartupProfile(
  profilePath: string | undefined,
  store: ProfileStore,
  builtIns: readonly BuiltInProfile[],
): Promise<StartupChoice> {
  if (profilePath !== undefined) {
    const loaded = await readProfileFile(profilePath);
    return loaded.ok ? { ok: true, opened: { profile: loaded.profile } } : { ok: false, error: loaded.error };
  }
  const { profiles, lastUsed } = await store.list();
  const last = profiles.find((p) => p.name === lastUsed);
  if (last) return { ok: true, opened: { profile: last } };
  const [demo] = builtIns;
  if (profiles.length === 0 && demo) return { ok: true, opened: await demo.open() };
  return { ok: true, opened: undefined };
}
