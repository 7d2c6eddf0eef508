import { validateAnyPolicy } from '../../core/policy/policy-validator';
import type { CliContext } from '../cli-context';
import { parseCommandArgs, refuseUsage } from '../command-args';
import { EXIT } from '../exit-codes';
import { parseKind, pathInFile, readPolicyFile } from '../policy-file';
import { PUSH_OPTIONS, PUSH_OPTIONS_HELP, pushArgs, runPush } from '../push-command';

const COMMAND = 'tmc policy push';

export const POLICY_PUSH_USAGE = `Usage: ${COMMAND} FILE [--type TYPE] --broker URL [--broker URL …] | --profile FILE
                       [--wait-sync] [--json] [--data-dir DIR]

Validates one policy (admin REST body or apictl export) and deploys it to the active traffic
manager, failing over to the next when one does not acknowledge. The revision goes above
whatever the traffic managers run for it (or is theirs, when they already run this content).
Prints "Acknowledged by tm1 after 0 failovers; synced 2/2." or why it failed.
  --type TYPE       advanced, application, subscription, custom or blocking (default: from the body)
${PUSH_OPTIONS_HELP}`;

const POLICY_PUSH_ARGS = {
  name: COMMAND,
  usage: POLICY_PUSH_USAGE,
  options: { ...PUSH_OPTIONS, type: { type: 'string' } },
  positionals: true,
} as const;

export async function runPolicyPush(argv: readonly string[], ctx: CliContext): Promise<number> {
  const parsed = parseCommandArgs(ctx.io, POLICY_PUSH_ARGS, argv);
  if (!parsed.ok) return parsed.exit;
  const { values, positionals } = parsed;
  const kind = parseKind(values.type);
  const [file, ...extra] = positionals;
  if (!kind.ok || file === undefined || extra.length > 0)
    return refuseUsage(ctx.io, COMMAND, kind.ok ? 'name exactly one FILE' : kind.error);
  const args = await pushArgs(values);
  if (!args.ok) return refuseUsage(ctx.io, COMMAND, args.error);
  // With --json, stdout holds only the outcome object; a file that never gets pushed has none.
  const report = args.args.json ? ctx.io.err : ctx.io.out;
  const read = await readPolicyFile(file);
  if (!read.ok) {
    report(read.line);
    return EXIT.failed;
  }
  const [only, ...more] = read.candidates;
  if (!only || more.length > 0) {
    report(`${file}: (root): holds ${read.candidates.length} policies; push one at a time`);
    return EXIT.failed;
  }
  const checked = validateAnyPolicy(only.body, kind.kind);
  if (!checked.ok) {
    for (const error of checked.errors) report(`${file}: ${pathInFile(only.path, error.path)}: ${error.message}`);
    return EXIT.failed;
  }
  return runPush(ctx, COMMAND, args.args, (core) => core.policies.deployBody(only.body, kind.kind));
}
