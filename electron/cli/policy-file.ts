import { importCandidates, type ImportCandidate } from '../core/policy/policy-files';
import { POLICY_KINDS, type PolicyKind } from '../core/policy/policy-validator';
import { readCappedText } from '../core/storage/capped-text-file';

// Policy files named on the command line, read into bodies; every problem is a line
// `FILE: PATH: message`, the format `tmc policy validate` prints.

export type PolicyFileRead = { ok: true; candidates: ImportCandidate[] } | { ok: false; line: string };

/** As the console's import: a policy file may have at most 1 MB. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;

export async function readPolicyFile(file: string): Promise<PolicyFileRead> {
  let text: string | undefined;
  try {
    text = await readCappedText(file, MAX_POLICY_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    return { ok: false, line: `${file}: (root): cannot read the file: ${reason}` };
  }
  if (text === undefined)
    return { ok: false, line: `${file}: (root): is over 1 MB; a policy file may have at most 1 MB` };
  const parsed = importCandidates(text);
  return parsed.ok ? parsed : { ok: false, line: `${file}: (root): ${parsed.error}` };
}

/** A path inside a body, placed inside the file: `list.2.defaultLimit`, `(root)` stays for the whole file. */
export function pathInFile(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '(root)' ? prefix : `${prefix}.${path}`;
}

export function parseKind(
  value: string | undefined,
): { ok: true; kind: PolicyKind | undefined } | { ok: false; error: string } {
  if (value === undefined) return { ok: true, kind: undefined };
  const kind = POLICY_KINDS.find((k) => k === value);
  return kind
    ? { ok: true, kind }
    : { ok: false, error: `--type must be one of ${POLICY_KINDS.join(', ')} (got "${value}")` };
}
