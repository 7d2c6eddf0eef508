import { homedir } from 'node:os';
import type { AppCore } from '../core/app-core';
import type { LinkSnapshot } from '../core/host/contract';
import type { Profile } from '../core/profile/profile-schema';
import { userDataDir } from '../core/user-data-dir';

// Once a command has opened a profile's cluster: wait until every link has connected or failed
// once, and (for policy commands) until each connected TM's retained state is in.

/** The desktop app's user data folder, where pushes are audited. */
export const DEFAULT_DATA_DIR = userDataDir(process.platform, process.env, homedir());

/** Connected with a measured round trip, or failed at least once. */
function settled(link: LinkSnapshot): boolean {
  if (link.state === 'connected') return link.rttMs !== null;
  return link.state !== 'connecting' || link.failedAttempts > 0;
}

/** Resolves once every link has connected or failed once, or at the deadline: the profile's connect timeout and a margin. */
export function whenSettled(core: AppCore, profile: Profile): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => (core.cluster()?.snapshot().links ?? []).every(settled);
    if (check()) return resolve();
    const timer = setTimeout(finish, profile.failover.connecttimeout + 1_500);
    const off = core.onClusterEvent((event) => {
      if (event.type === 'link' && check()) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

/** Resolves once every connected broker's TM state is in, or at the deadline (a TM may publish none). */
function whenStatesKnown(core: AppCore, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const connected = new Set(
        (core.cluster()?.snapshot().links ?? []).filter((l) => l.state === 'connected').map((l) => l.brokerId),
      );
      return core.reports.all().every((r) => !connected.has(r.brokerId) || r.tracked?.live === true);
    };
    if (check()) return resolve();
    const timer = setTimeout(finish, deadlineMs);
    const off = core.reports.on(() => {
      if (check()) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

/** With `profile` open: waits for the links, then for the TMs' states. */
export async function whenPoliciesKnown(core: AppCore, profile: Profile): Promise<void> {
  await whenSettled(core, profile);
  await whenStatesKnown(core, 2_000);
}
