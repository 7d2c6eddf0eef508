import type { ProfileList } from '../../electron/core/host/profile-contract';
import { ProfileSchema, type Profile, type ProfileInput } from '../../electron/core/profile/profile-schema';

/** A valid stored profile with every default filled in, as `profiles.list` returns it. */
export function storedProfile(overrides: Partial<ProfileInput> = {}): Profile {
  return ProfileSchema.parse({
    name: 'Lab',
    brokers: [
      { id: 'tm1', label: 'TM 1', url: 'mqtt://127.0.0.1:1883' },
      { id: 'tm2', label: 'TM 2', url: 'mqtt://127.0.0.1:1884' },
    ],
    ...overrides,
  });
}

export function profileList(overrides: Partial<ProfileList> = {}): ProfileList {
  return {
    profiles: [],
    builtIn: [],
    lastUsed: null,
    open: null,
    canStoreSecrets: true,
    canPickFiles: false,
    warnings: [],
    ...overrides,
  };
}
