import { z } from 'zod';
import { ProfileSchema, type Profile } from './profile-schema';

export const PROFILES_FILE_NAME = 'profiles.json';
export const MAX_PROFILES = 200;
const MAX_NAME_LENGTH = 120;

/** Names are unique regardless of case and surrounding spaces, so "Lab" and "lab " never coexist. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export const ProfilesFileSchema = z
  .object({
    version: z.literal(1),
    profiles: z.array(ProfileSchema).max(MAX_PROFILES),
    /** Name of the profile the app opened last. */
    lastUsed: z.string().optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    file.profiles.forEach((profile, index) => {
      const first = file.profiles.findIndex((other) => sameName(other.name, profile.name));
      if (first !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['profiles', index, 'name'],
          message: `the name "${profile.name}" is used twice`,
        });
      }
    });
  });

export type ProfilesFile = z.output<typeof ProfilesFileSchema>;

export const EMPTY_PROFILES_FILE: ProfilesFile = { version: 1, profiles: [] };

/** "Lab (copy)", then "Lab (copy 2)", … — the first name no profile has yet, within the length limit. */
export function copyName(name: string, profiles: readonly Profile[]): string {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${name.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!profiles.some((profile) => sameName(profile.name, candidate))) return candidate;
  }
}
