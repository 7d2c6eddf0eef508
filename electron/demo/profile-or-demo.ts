import { readProfileFile } from '../core/profile/profile-file';
import type { Profile } from '../core/profile/profile-schema';
import { startDemoCluster, type DemoCluster } from './demo-cluster';

export interface ProfileChoice {
  profile: Profile;
  /** Set when the embedded demo cluster was started because no profile was given. */
  demo?: DemoCluster;
}

/** The given profile file, or the embedded demo cluster when there is none. */
export async function openProfileOrDemo(profilePath: string | undefined): Promise<ProfileChoice> {
  if (profilePath === undefined) {
    const demo = await startDemoCluster();
    return { profile: demo.profile, demo };
  }
  const loaded = await readProfileFile(profilePath);
  if (!loaded.ok) throw new Error(loaded.error);
  return { profile: loaded.profile };
}
