import type { CliContext } from '../cli-context';
import { EXIT } from '../exit-codes';
import { PROFILE_IMPORT_URL_USAGE, runProfileImportUrl } from './profile-import-url';

/** `tmc profile <subcommand>`. */
export async function profileCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import-url') return runProfileImportUrl(rest, ctx.io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.io.out(PROFILE_IMPORT_URL_USAGE);
    return EXIT.ok;
  }
  ctx.io.err(`tmc profile: unknown subcommand "${sub}". Available: import-url.`);
  return EXIT.usage;
}
