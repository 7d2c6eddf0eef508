import { validateAnyPolicy } from '../../core/policy/policy-validator';
import { describePolicy } from '../../core/policy/push-planner';
import type { CliIo } from '../cli-context';
import { parseCommandArgs, refuseUsage } from '../command-args';
import { EXIT } from '../exit-codes';
import { parseKind, pathInFile, readPolicyFile } from '../policy-file';

const COMMAND = 'tmc policy validate';

export const POLICY_VALIDATE_USAGE = `Usage: ${COMMAND} [--type advanced|application|subscription|custom|blocking] FILE…

Validates policy files in the admin REST API's JSON shape; apictl exports and admin REST
listings ({"count": n, "list": […]}) are read too. Without --type, each body's type comes from
its "type" field, else from the fields only one type has (application when a body has only a
default limit).
Prints "FILE: ok (…)" for each valid body and one line "FILE: PATH: message" for each error.
Exit codes: 0 all valid, 1 some invalid, 2 usage error.`;

const POLICY_VALIDATE_ARGS = {
  name: COMMAND,
  usage: POLICY_VALIDATE_USAGE,
  options: { type: { type: 'string' } },
  positionals: true,
} as const;

export async function runPolicyValidate(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(io, POLICY_VALIDATE_ARGS, argv);
  if (!parsed.ok) return parsed.exit;
  const kind = parseKind(parsed.values.type);
  if (!kind.ok || parsed.positionals.length === 0)
    return refuseUsage(io, COMMAND, kind.ok ? 'name at least one FILE' : kind.error);
  let invalid = false;
  for (const file of parsed.positionals) {
    const read = await readPolicyFile(file);
    if (!read.ok) {
      io.out(read.line);
      invalid = true;
      continue;
    }
    for (const { path, body } of read.candidates) {
      const result = validateAnyPolicy(body, kind.kind);
      const at = path === '' ? '' : `${path}: `;
      if (result.ok) {
        io.out(`${file}: ${at}ok (${describePolicy(result)})`);
        continue;
      }
      invalid = true;
      for (const error of result.errors) io.out(`${file}: ${pathInFile(path, error.path)}: ${error.message}`);
    }
  }
  return invalid ? EXIT.failed : EXIT.ok;
}
