import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-context';
import { EXIT } from './exit-codes';

// A command's first step: its options parsed, or the command already over, having printed its
// usage for --help or said why the arguments are wrong.

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Every command takes -h/--help; it is added here. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

interface Config<O extends OptionsConfig, P extends boolean> {
  args: string[];
  options: O & typeof HELP_OPTION;
  allowPositionals: P;
}

type Parsed<O extends OptionsConfig, P extends boolean> = ReturnType<typeof parseArgs<Config<O, P>>>;

export interface CommandSpec<O extends OptionsConfig, P extends boolean> {
  /** How messages name the command: `tmc policy push`. */
  name: string;
  usage: string;
  options: O;
  /** Whether it takes operands (FILE…, ID) besides its options. */
  positionals: P;
}

/** `ok: false`: the command is over, with `exit` as its exit code. */
export type CommandArgs<O extends OptionsConfig, P extends boolean> =
  ({ ok: true } & Parsed<O, P>) | { ok: false; exit: number };

/** Prints `NAME: reason` and gives the usage-error exit code. */
export function refuseUsage(io: CliIo, name: string, reason: string): number {
  io.err(`${name}: ${reason}`);
  return EXIT.usage;
}

/** Parses `argv` for the command `spec` describes; a parse error beats --help. */
export function parseCommandArgs<const O extends OptionsConfig, const P extends boolean>(
  io: CliIo,
  spec: CommandSpec<O, P>,
  argv: readonly string[],
): CommandArgs<O, P> {
  const config: Config<O, P> = {
    args: [...argv],
    options: { ...spec.options, ...HELP_OPTION },
    allowPositionals: spec.positionals,
  };
  let parsed: Parsed<O, P>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return { ok: false, exit: refuseUsage(io, spec.name, `${(error as Error).message}\n\n${spec.usage}`) };
  }
  // Inside this generic function the values' type is not resolved: `in` finds the help flag.
  if ('help' in parsed.values && parsed.values.help === true) {
    io.out(spec.usage);
    return { ok: false, exit: EXIT.ok };
  }
  return { ok: true, ...parsed };
}
