import { readFile } from 'node:fs/promises';
import { ProfileSchema, type Profile } from './profile-schema';

export type ProfileLoad = { ok: true; profile: Profile } | { ok: false; error: string };

/** Reads one profile JSON file; every failure is a sentence naming the file and what is wrong. */
export async function readProfileFile(path: string): Promise<ProfileLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `Cannot read profile ${path}: ${code === 'ENOENT' ? 'no such file' : String(error)}` };
  }
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
