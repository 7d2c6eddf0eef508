import { APP_INFO } from '../core/app-info';
import { runDecode } from './commands/decode';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Standard input for commands that read it; process.stdin when absent. */
  stdin?: AsyncIterable<Buffer | string>;
}

export const EXIT = { ok: 0, usage: 2, unreachable: 3 } as const;

const HELP = `tmc — Traffic Manager Console on the command line

Usage: tmc <command> [options]

Options:
  -h, --help       show this help
  -V, --version    print the version

Commands:
  decode           decode throttleData payloads from stdin, one per line, to JSON lines

Commands arrive with later releases: status, watch, profile, policy.`;

/** Runs one command line; returns the exit code. Output goes through `io` so tests can read it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(HELP);
    return EXIT.ok;
  }
  if (first === '-V' || first === '--version') {
    io.out(APP_INFO.version);
    return EXIT.ok;
  }
  if (first === 'decode') return runDecode(argv.slice(1), { ...io, input: io.stdin ?? process.stdin });
  io.err(`tmc: unknown command "${first}". Run "tmc --help" for the list.`);
  return EXIT.usage;
}
