import { parseArgs } from 'node:util';
import { validateAnyPolicy } from '../../core/policy/policy-validator';
import { describePolicy } from '../../core/policy/push-planner';
import type { CliIo } from '../cli-context';
import { EXIT } from '../exit-codes';
import { parseKind, pathInFile, readPolicyFile } from '../policy-file';

export const POLICY_VALIDATE_USAGE = `Usage: tmc policy validate [--type advanced|application|subscription|custom|blocking] FILE…

Validates policy files in the admin REST API's JSON shape; apictl exports and admin REST
listings ({"count": n, "list": […]}) are read too. Without --type, each body's type comes from
its "type" field, else from the fields only one type has (application when a body has only a
default limit).
Prints "FILE: ok (…)" for each valid body and one line "FILE: PATH: message" for each error.
Exit codes: 0 all valid, 1 some invalid, 2 usage error.`;

export async function runPolicyValidate(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { type: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    io.err(`tmc policy validate: ${(error as Error).message}\n\n${POLICY_VALIDATE_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(POLICY_VALIDATE_USAGE);
    return EXIT.ok;
  }
  const kind = parseKind(parsed.values.type);
  if (!kind.ok || parsed.positionals.length === 0) {
    io.err(`tmc policy validate: ${kind.ok ? 'name at least one FILE' : kind.error}`);
    return EXIT.usage;
  }
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
