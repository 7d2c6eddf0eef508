import { APP_INFO } from '../core/app-info';
import type { CliContext } from './cli-context';
import { blockCommand } from './commands/block';
import { runDecode } from './commands/decode';
import { policyCommand } from './commands/policy';
import { profileCommand } from './commands/profile';
import { statusCommand } from './commands/status';
import { watchCommand } from './commands/watch';
import { EXIT } from './exit-codes';

export type { CliContext, CliIo } from './cli-context';
export { EXIT } from './exit-codes';

type Command = (argv: readonly string[], ctx: CliContext) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  status: { run: statusCommand, summary: 'health of every broker and the active one (--watch to follow)' },
  watch: { run: watchCommand, summary: 'merged throttle decisions, blocks, disagreements and switches as they happen' },
  decode: {
    run: (argv, ctx) => runDecode(argv, { input: ctx.input, out: ctx.io.out, err: ctx.io.err }),
    summary: 'decode throttleData payloads from stdin, one per line, to JSON lines',
  },
  profile: { run: profileCommand, summary: 'profile import-url "URL": a profile (JSON) from a classic failover URL' },
  policy: {
    run: policyCommand,
    summary: 'policy validate FILE… | push FILE | list: check policy files, deploy one, see what TMs run',
  },
  block: { run: blockCommand, summary: 'block add --type T --value V | remove ID: blocking conditions on every TM' },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `tmc — Traffic Manager Console on the command line

Usage: tmc <command> [options]      tmc <command> --help for a command's options

Commands:
${lines.join('\n')}

Options:
  -h, --help       show this help
  -V, --version    print the version`;
}

/** Runs one command line; returns the exit code. Output goes through `ctx.io` so tests can read it. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    ctx.io.out(help());
    return EXIT.ok;
  }
  if (first === '-V' || first === '--version') {
    ctx.io.out(APP_INFO.version);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    ctx.io.err(`tmc: unknown command "${first}". Run "tmc --help" for the list.`);
    return EXIT.usage;
  }
  return command.run(rest, ctx);
}
