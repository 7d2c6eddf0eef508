import { BLOCKING_TYPES, type BlockingType } from '../../core/policy/blocking-schema';
import { validatePolicy } from '../../core/policy/policy-validator';
import { policyKey } from '../../core/policy/policy-key';
import type { CliContext } from '../cli-context';
import { parseCommandArgs, refuseUsage } from '../command-args';
import { EXIT } from '../exit-codes';
import { issueLines, PUSH_OPTIONS, PUSH_OPTIONS_HELP, pushArgs, runPush } from '../push-command';

export const BLOCK_USAGE = `Usage: tmc block add --type TYPE --value VALUE [--id ID] [--invert] [--disabled] CONNECTION
       tmc block remove ID CONNECTION
CONNECTION: --broker URL [--broker URL …] | --profile FILE [--wait-sync] [--json] [--data-dir DIR]

Adds or removes a blocking (deny) condition on every traffic manager, through the active one.
  --type TYPE     ${BLOCKING_TYPES.join(', ')}
  --value VALUE   API: a context (/pizzashack/1.0.0); APPLICATION: subscriber:appName; USER:
                  user@tenant; SUBSCRIPTION: context:version:subscriber-appName:PRODUCTION;
                  IP: an address; IPRANGE: FIRST-LAST (10.0.0.1-10.0.0.255)
  --id ID         the condition's id (default: a new one, printed in the outcome)
  --invert        IP and IPRANGE: block everything but the address or range
  --disabled      add it switched off
${PUSH_OPTIONS_HELP}`;

const BLOCK_OPTIONS = {
  ...PUSH_OPTIONS,
  type: { type: 'string' },
  value: { type: 'string' },
  id: { type: 'string' },
  invert: { type: 'boolean', default: false },
  disabled: { type: 'boolean', default: false },
} as const;

/** The admin REST body of a blocking condition from the flags; IP values as objects. */
function condition(type: BlockingType, value: string, invert: boolean, enabled: boolean, id?: string): unknown {
  const [first = '', last = ''] = value.split('-');
  const conditionValue =
    type === 'IP'
      ? { fixedIp: value, invert }
      : type === 'IPRANGE'
        ? { startingIp: first.trim(), endingIp: last.trim(), invert }
        : value;
  return {
    ...(id !== undefined ? { conditionId: id } : {}),
    conditionType: type,
    conditionValue,
    conditionStatus: enabled,
  };
}

export async function blockCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.io.out(BLOCK_USAGE);
    return EXIT.ok;
  }
  if (sub !== 'add' && sub !== 'remove') {
    ctx.io.err(`tmc block: unknown subcommand "${sub}". Available: add, remove.`);
    return EXIT.usage;
  }
  const command = `tmc block ${sub}`;
  const parsed = parseCommandArgs(
    ctx.io,
    { name: command, usage: BLOCK_USAGE, options: BLOCK_OPTIONS, positionals: true },
    rest,
  );
  if (!parsed.ok) return parsed.exit;
  const { values, positionals } = parsed;
  const args = await pushArgs(values);
  if (!args.ok) return refuseUsage(ctx.io, command, args.error);
  if (sub === 'remove') {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) return refuseUsage(ctx.io, command, 'name exactly one condition ID');
    return runPush(ctx, command, args.args, (core) => core.policies.undeploy(policyKey('blocking', id)));
  }
  const type = BLOCKING_TYPES.find((t) => t === values.type);
  if (!type) return refuseUsage(ctx.io, command, `--type must be one of ${BLOCKING_TYPES.join(', ')}`);
  if (values.value === undefined) return refuseUsage(ctx.io, command, '--value is required');
  if (positionals.length > 0) return refuseUsage(ctx.io, command, `unexpected "${positionals.join(' ')}"`);
  const body = condition(type, values.value, values.invert, !values.disabled, values.id);
  const checked = validatePolicy('blocking', body);
  if (!checked.ok) {
    for (const line of issueLines(`${command}: `, checked.errors)) ctx.io.err(line);
    return EXIT.failed;
  }
  return runPush(ctx, command, args.args, (core) => core.policies.deployBody(body, 'blocking'));
}
