import { readCappedText } from '../storage/capped-text-file';
import { ProfileSchema, type Profile } from './profile-schema';

/** A profile is a few hundred bytes; a file far larger is the wrong file. */
const MAX_PROFILE_FILE_BYTES = 1024 * 1024;

export type ProfileLoad = { ok: true; profile: Profile } | { ok: false; error: string };

/** Reads one profile JSON file; every failure is a sentence naming the file and what is wrong. */
export async function readProfileFile(path: string): Promise<ProfileLoad> {
  let text: string | undefined;
  try {
    text = await readCappedText(path, MAX_PROFILE_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `Cannot read profile ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}` };
  }
  if (text === undefined) return { ok: false, error: `Profile ${path} is over 1 MB: that is not a profile` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Profile ${path} is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, error: `Profile ${path} is not valid: ${reasons.join('; ')}` };
  }
  return { ok: true, profile: parsed.data };
}
