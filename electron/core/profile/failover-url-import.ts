import { NUMERIC_OPTIONS, TLS_OPTIONS, type NumericOption } from './failover-url-options';
import { parseClassicUrl, type ClassicUrl, type Located } from './failover-url-parse';
import { failAt, type ImportError } from './failover-url-text';
import { portMapKey, type PortMap } from './port-map';
import { ProfileSchema, type Profile } from './profile-schema';

export type { ImportError } from './failover-url-text';

export interface FailoverUrlImportOptions {
  /** The profile's name; by default "Imported: " and the hosts. */
  name?: string;
  /** Overrides the MQTT port per classic `host:port` (see port-map.ts). */
  portMap?: PortMap;
}

/**
 * The profile, the password apart from it (the caller stores it in the SecretStore and sets
 * `passwordRef`), and warnings in words for everything that did not carry over exactly.
 */
export type FailoverUrlImport =
  { ok: true; profile: Profile; password?: string; warnings: string[] } | { ok: false; error: ImportError };

/** AMQP's plain and TLS ports become MQTT's; any other port is kept. */
const MQTT_PORT_FOR = new Map([
  [5672, 1883],
  [5671, 8883],
]);
const MAX_NAME_LENGTH = 120;

/** Turns a Qpid/WSO2 failover connection URL into a profile. Never throws. */
export function importFailoverUrl(url: string, options: FailoverUrlImportOptions = {}): FailoverUrlImport {
  const parsed = parseClassicUrl(url);
  if (!parsed.ok) return parsed;
  const classic = parsed.value;
  const warnings = [...classic.warnings];

  const brokers = toBrokers(classic, options.portMap ?? new Map(), warnings);
  const failover: Record<string, unknown> = { mode: 'sticky' };
  const sources = new Map<string, Located<number>>();
  for (const option of NUMERIC_OPTIONS) {
    const chosen = onePerProfile(option, classic, brokers, warnings);
    if (chosen) {
      failover[option] = chosen.value;
      sources.set(option, chosen);
    }
  }
  const cyclecount = largest(classic.cyclecounts);
  if (cyclecount) {
    failover['cyclecount'] = cyclecount.value;
    sources.set('cyclecount', cyclecount);
    if (new Set(classic.cyclecounts.map((c) => c.value)).size > 1) {
      const given = classic.cyclecounts.map((c) => c.value).join(' and ');
      warnings.push(`cyclecount is given twice (${given}); the largest, ${cyclecount.value}, is used.`);
    }
  }
  warnings.push(modeNote(classic.failover?.value));
  warnings.push(...ignoredNotes(classic, brokers));
  for (const [what, value] of [
    ['username', classic.username],
    ['password', classic.password],
  ] as const) {
    if (value?.includes('${')) {
      warnings.push(`The ${what} is a configuration placeholder ("\${…}"); replace it with the real ${what}.`);
    }
  }

  const name = options.name ?? defaultName(brokers);
  const checked = ProfileSchema.safeParse({
    name,
    brokers,
    ...(classic.username === undefined ? {} : { username: classic.username }),
    failover,
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path[0] === 'failover' ? String(issue.path[1]) : '';
    const source = sources.get(field);
    if (source) return failAt(classic.src, source.at, `${source.written} is out of range: ${issue?.message ?? ''}`);
    const where = issue?.path.map(String).join('.') ?? '';
    return { ok: false, error: { message: `the profile is not valid: ${where}: ${issue?.message ?? ''}`, offset: 0 } };
  }
  return {
    ok: true,
    profile: checked.data,
    ...(classic.password === undefined ? {} : { password: classic.password }),
    warnings,
  };
}

type ImportedBroker = { id: string; label: string; url: string };

function toBrokers(classic: ClassicUrl, portMap: PortMap, warnings: string[]): ImportedBroker[] {
  const used = new Set<string>();
  const brokers = classic.brokers.map((broker, index) => {
    const key = portMapKey(broker.host, broker.port);
    const override = portMap.get(key);
    if (override !== undefined) used.add(key);
    const port = override ?? MQTT_PORT_FOR.get(broker.port) ?? broker.port;
    // As in the Qpid client, a URL-level ssl overrides each broker's own setting.
    const tls = classic.ssl?.value ?? broker.ssl?.value ?? broker.scheme === 'ssl';
    const address = `${broker.host}:${port}`;
    return { id: `tm${index + 1}`, label: address, url: `${tls ? 'mqtts' : 'mqtt'}://${address}` };
  });
  for (const key of portMap.keys()) {
    if (!used.has(key)) warnings.push(`The port map entry for ${key} matches no broker in the list; it was not used.`);
  }
  brokers.forEach((broker) => {
    const first = brokers.find((other) => other.url.toLowerCase() === broker.url.toLowerCase());
    if (first && first !== broker) {
      warnings.push(`${first.id} and ${broker.id} both point at ${first.url}; one of them is probably a mistake.`);
    }
  });
  return brokers;
}

function largest(values: readonly Located<number>[]): Located<number> | undefined {
  return values.reduce<Located<number> | undefined>(
    (max, v) => (max === undefined || v.value > max.value ? v : max),
    undefined,
  );
}

/** A profile has one value for all brokers: the largest, with a warning when they differ. */
function onePerProfile(
  option: NumericOption,
  classic: ClassicUrl,
  brokers: readonly ImportedBroker[],
  warnings: string[],
): Located<number> | undefined {
  const perBroker = classic.brokers.map((broker) => broker.numbers[option] ?? classic.defaults[option]);
  const chosen = largest(perBroker.filter((value) => value !== undefined));
  if (!chosen) return undefined;
  if (new Set(perBroker.map((value) => value?.value)).size > 1) {
    const list = perBroker.map((value, i) => `${brokers[i]?.id}: ${value?.value ?? 'not set'}`).join(', ');
    warnings.push(
      `${option} differs between brokers (${list}); a profile uses one value for all brokers, so the largest, ${chosen.value}, is used.`,
    );
  }
  return chosen;
}

function modeNote(method: string | undefined): string {
  const sticky =
    'mode "sticky": stay on a traffic manager until it fails, then move to the next, as the classic client does. Choose "priority" to always go back to the first healthy one.';
  if (method === undefined)
    return `No failover method was given (the classic default is roundrobin); it became ${sticky}`;
  if (method === 'roundrobin') return `failover='roundrobin' became ${sticky}`;
  return `failover='${method}' has no equivalent here: the console keeps a link to every traffic manager at once. It became the closest, ${sticky}`;
}

function ignoredNotes(classic: ClassicUrl, brokers: readonly ImportedBroker[]): string[] {
  const notes = classic.ignored.map((name) => `The option ${name} has no meaning for MQTT and was ignored.`);
  const where = new Map<string, string[]>();
  classic.brokers.forEach((broker, i) => {
    for (const name of broker.ignored) where.set(name, [...(where.get(name) ?? []), brokers[i]?.id ?? '']);
  });
  for (const [name, ids] of where) {
    notes.push(
      TLS_OPTIONS.includes(name)
        ? `The TLS option ${name} (${ids.join(', ')}) was not carried over: set the CA file, client certificate and key (PEM files) in the profile's TLS settings.`
        : `The option ${name} (${ids.join(', ')}) has no meaning for MQTT and was ignored.`,
    );
  }
  return notes;
}

function defaultName(brokers: readonly ImportedBroker[]): string {
  const hosts = [...new Set(brokers.map((broker) => broker.label.replace(/:\d+$/, '')))];
  const name = `Imported: ${hosts.join(', ')}`;
  return name.length <= MAX_NAME_LENGTH ? name : `${name.slice(0, MAX_NAME_LENGTH - 1)}…`;
}
