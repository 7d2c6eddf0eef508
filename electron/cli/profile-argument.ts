import { readProfileFile } from '../core/profile/profile-file';
import { ProfileSchema, type Profile } from '../core/profile/profile-schema';

export type ProfileArgument = { ok: true; profile: Profile } | { ok: false; error: string };

/** The options that name the cluster, for `parseCommandArgs`. */
export const PROFILE_OPTIONS = {
  broker: { type: 'string', multiple: true, default: [] as string[] },
  profile: { type: 'string' },
} as const;

/** What `PROFILE_OPTIONS` parse into. */
export interface ProfileValues {
  broker: string[];
  profile?: string | undefined;
}

/** `--broker URL …` or `--profile FILE`, exactly one of the two. */
export async function profileFromArguments(
  brokers: readonly string[],
  profilePath: string | undefined,
): Promise<ProfileArgument> {
  if (brokers.length > 0 && profilePath !== undefined)
    return { ok: false, error: 'give --broker URL … or --profile FILE, not both' };
  if (profilePath !== undefined) {
    const loaded = await readProfileFile(profilePath);
    return loaded.ok ? loaded : { ok: false, error: loaded.error };
  }
  if (brokers.length === 0) return { ok: false, error: 'give at least one --broker URL, or --profile FILE' };
  const parsed = ProfileSchema.safeParse({
    name: 'command line',
    brokers: brokers.map((url, i) => ({ id: `tm${i + 1}`, label: `TM ${i + 1}`, url })),
  });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => {
      const index = issue.path[1];
      return typeof index === 'number' ? `--broker ${brokers[index]}: ${issue.message}` : issue.message;
    });
    return { ok: false, error: reasons.join('; ') };
  }
  return { ok: true, profile: parsed.data };
}
