import { importFailoverUrl } from '../../core/profile/failover-url-import';
import { redactUrl } from '../../core/profile/failover-url-text';
import { parsePortMap } from '../../core/profile/port-map';
import { ProfileSchema } from '../../core/profile/profile-schema';
import type { CliIo } from '../cli-context';
import { EXIT } from '../exit-codes';

const COMMAND = 'tmc profile import-url';

export const PROFILE_IMPORT_URL_USAGE = `Usage: ${COMMAND} "URL" [--port-map HOST:PORT=PORT …] [--name NAME] [--show-secrets]

Turns a classic (Qpid/WSO2) failover connection URL into a profile and prints it as JSON.
Put the URL in double quotes: it contains single quotes and "&".

  --port-map HOST:PORT=PORT  the MQTT port of the broker listed as HOST:PORT (repeatable);
                             without it 5672 becomes 1883, 5671 becomes 8883, others stay
  --name NAME                the profile's name (default: "Imported: " and the hosts)
  --show-secrets             print {"profile": …, "password": …}; without it the password
                             is never printed`;

interface ImportArgs {
  url: string;
  portMap: string[];
  name?: string;
  showSecrets: boolean;
}

type ParsedArgs =
  { ok: true; args: ImportArgs } | { ok: false; help: true } | { ok: false; help: false; error: string };

function parseArgs(argv: readonly string[]): ParsedArgs {
  const urls: string[] = [];
  const portMap: string[] = [];
  let name: string | undefined;
  let showSecrets = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      i += 1;
      return argv[i];
    };
    if (flag === '-h' || flag === '--help') return { ok: false, help: true };
    if (flag === '--show-secrets' && inline === undefined) {
      showSecrets = true;
    } else if (flag === '--port-map' || flag === '--name') {
      const given = value();
      if (given === undefined) return { ok: false, help: false, error: `${flag} needs a value` };
      if (flag === '--name') name = given;
      else portMap.push(given);
    } else if (arg.startsWith('-')) {
      return { ok: false, help: false, error: `unknown option "${arg}"` };
    } else {
      urls.push(arg);
    }
  }
  if (urls.length !== 1) {
    const problem =
      urls.length === 0 ? 'no URL given' : `expected one URL, got ${urls.length} (put the URL in double quotes)`;
    return { ok: false, help: false, error: problem };
  }
  return { ok: true, args: { url: urls[0] ?? '', portMap, ...(name === undefined ? {} : { name }), showSecrets } };
}

/** `tmc profile import-url`: prints the profile as JSON on stdout; warnings and errors on stderr. */
export async function runProfileImportUrl(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.out(PROFILE_IMPORT_URL_USAGE);
      return EXIT.ok;
    }
    io.err(`${COMMAND}: ${parsed.error}.`);
    io.err(PROFILE_IMPORT_URL_USAGE);
    return EXIT.usage;
  }
  const { url, name, showSecrets } = parsed.args;
  if (name !== undefined) {
    const checked = ProfileSchema.shape.name.safeParse(name);
    if (!checked.success) {
      io.err(`${COMMAND}: --name: ${checked.error.issues[0]?.message ?? 'not a valid name'}.`);
      return EXIT.usage;
    }
  }
  const portMap = parsePortMap(parsed.args.portMap);
  if (!portMap.ok) {
    io.err(`${COMMAND}: --port-map: ${portMap.error}.`);
    return EXIT.usage;
  }

  const result = importFailoverUrl(url, { portMap: portMap.map, ...(name === undefined ? {} : { name }) });
  if (!result.ok) {
    const shown = redactUrl(url, result.error.offset);
    io.err(`${COMMAND}: ${result.error.message}`);
    io.err(`  ${shown.text}`);
    io.err(`  ${' '.repeat(shown.offset)}^`);
    return EXIT.usage;
  }
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  if (showSecrets) {
    const output = { profile: result.profile, ...(result.password === undefined ? {} : { password: result.password }) };
    io.out(JSON.stringify(output, null, 2));
  } else {
    if (result.password !== undefined) {
      io.err('note: the URL holds a password; it is not printed (add --show-secrets to print it).');
    }
    io.out(JSON.stringify(result.profile, null, 2));
  }
  return EXIT.ok;
}
