import { APP_INFO } from '../core/app-info';
import { runProfileImportUrl } from './commands/profile-import-url';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT = { ok: 0, usage: 2, unreachable: 3 } as const;

const HELP = `tmc — Traffic Manager Console on the command line

Usage: tmc <command> [options]

Options:
  -h, --help       show this help
  -V, --version    print the version

Commands:
  profile import-url "URL" [--port-map HOST:PORT=PORT …] [--name NAME] [--show-secrets]
                   a profile (JSON) from a classic failover URL; --help for details

More commands arrive with later releases: status, watch, decode, policy.`;

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
  if (first === 'profile' && argv[1] === 'import-url') return runProfileImportUrl(argv.slice(2), io);
  io.err(
    `tmc: unknown command "${argv.slice(0, first === 'profile' ? 2 : 1).join(' ')}". Run "tmc --help" for the list.`,
  );
  return EXIT.usage;
}
