import { parseClassicBroker, type ClassicBroker } from './failover-url-broker';
import {
  decodeUrlText,
  failAt,
  scanOptions,
  splitOutsideQuotes,
  type ImportError,
  type OptionToken,
  type Parsed,
  type UrlText,
} from './failover-url-text';
import {
  BROKER_IGNORED,
  BROKER_OPTIONS,
  FAILOVER_METHODS,
  NUMERIC_OPTIONS,
  URL_IGNORED,
  URL_OPTIONS,
  type NumericOption,
} from './failover-url-options';

// The structure of a Qpid/WSO2 connection URL:
//   amqp://[USER:PASS@][CLIENTID]/[VHOST]?option='value'&…&brokerlist='tcp://host:port?opt='v';…'

const MAX_URL_LENGTH = 16_384;
export const MAX_BROKERS = 32;

/** A value and where it was written (text index of the value, and `key='value'` for messages). */
export interface Located<T> {
  value: T;
  at: number;
  written: string;
}

export type NumericSettings = Partial<Record<NumericOption, Located<number>>>;

export interface ClassicBrokerEntry extends ClassicBroker {
  numbers: NumericSettings;
  ssl?: Located<boolean>;
  ignored: string[];
}

export interface ClassicUrl {
  src: UrlText;
  username?: string;
  password?: string;
  brokers: ClassicBrokerEntry[];
  /** The failover method, lower-case; absent when the URL names none. */
  failover?: Located<string>;
  /** Every cyclecount given: at the top level and inside the failover value. */
  cyclecounts: Located<number>[];
  /** Top-level retries/connectdelay/connecttimeout: the value for brokers that set none. */
  defaults: NumericSettings;
  ssl?: Located<boolean>;
  ignored: string[];
  warnings: string[];
}

function located<T>(token: OptionToken, value: T): Located<T> {
  return { value, at: token.valueAt, written: `${token.key}='${token.value}'` };
}

function wholeNumber(src: UrlText, token: OptionToken): Parsed<Located<number>> {
  if (!/^\d{1,9}$/.test(token.value)) {
    return failAt(src, token.valueAt, `${token.key}='${token.value}' is not a whole number`);
  }
  return { ok: true, value: located(token, Number(token.value)) };
}

function flag(src: UrlText, token: OptionToken): Parsed<Located<boolean>> {
  const value = token.value.toLowerCase();
  if (value !== 'true' && value !== 'false') {
    return failAt(src, token.valueAt, `${token.key}='${token.value}' must be 'true' or 'false'`);
  }
  return { ok: true, value: located(token, value === 'true') };
}

function unknownOption(
  src: UrlText,
  token: OptionToken,
  known: readonly string[],
  where: string,
): { ok: false; error: ImportError } {
  const near = known.find((name) => name.toLowerCase() === token.key.toLowerCase());
  const hint = near ? `did you mean ${near}?` : `known here: ${known.join(', ')}`;
  return failAt(src, token.keyAt, `unknown option "${token.key}" in ${where} (${hint})`);
}

/** Reads the options every level shares; `ignored` collects the names that are skipped. */
function readSharedOptions(
  src: UrlText,
  tokens: readonly OptionToken[],
  used: readonly string[],
  ignorable: readonly string[],
  where: string,
): Parsed<{ numbers: NumericSettings; ssl?: Located<boolean>; ignored: string[]; rest: OptionToken[] }> {
  const numbers: NumericSettings = {};
  let ssl: Located<boolean> | undefined;
  const ignored: string[] = [];
  const rest: OptionToken[] = [];
  for (const token of tokens) {
    const numeric = NUMERIC_OPTIONS.find((name) => name === token.key);
    if (numeric) {
      const number = wholeNumber(src, token);
      if (!number.ok) return number;
      numbers[numeric] = number.value;
    } else if (token.key === 'ssl') {
      const parsed = flag(src, token);
      if (!parsed.ok) return parsed;
      ssl = parsed.value;
    } else if (ignorable.includes(token.key)) {
      ignored.push(token.key);
    } else if (used.includes(token.key)) {
      rest.push(token);
    } else {
      return unknownOption(src, token, [...used, ...ignorable], where);
    }
  }
  return { ok: true, value: { numbers, ...(ssl ? { ssl } : {}), ignored, rest } };
}

function decodeComponent(raw: string, what: string, warnings: string[]): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    warnings.push(`The ${what} contains a "%" that is not followed by two hex digits; it was taken as written.`);
    return raw;
  }
}

export function parseClassicUrl(input: string): Parsed<ClassicUrl> {
  if (input.length > MAX_URL_LENGTH) {
    const message = `the URL is ${input.length} characters long; at most ${MAX_URL_LENGTH} are accepted`;
    return { ok: false, error: { message, offset: MAX_URL_LENGTH } };
  }
  const src = decodeUrlText(input);
  const { text } = src;
  let start = 0;
  let end = text.length;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  // Pasted straight from a TOML or XML attribute value.
  if (end - start >= 2 && text[start] === '"' && text[end - 1] === '"') {
    start += 1;
    end -= 1;
  }
  if (start === end) return failAt(src, start, 'the URL is empty');

  if (!/^amqp:\/\//i.test(text.slice(start, start + 7))) {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text.slice(start, end))?.[1];
    return failAt(
      src,
      start,
      scheme
        ? `unknown scheme "${scheme}": a classic failover URL starts with amqp://`
        : 'this is not a classic failover URL: it should start with amqp://',
    );
  }
  const head = start + 'amqp://'.length;
  const questionMark = text.indexOf('?', head);
  const query = questionMark >= 0 && questionMark < end ? questionMark : end;
  const warnings: string[] = [];

  let username: string | undefined;
  let password: string | undefined;
  const at = text.lastIndexOf('@', query - 1);
  if (at >= head) {
    const colon = text.indexOf(':', head);
    const userEnd = colon >= 0 && colon < at ? colon : at;
    const userRaw = text.slice(head, userEnd);
    const passwordRaw = userEnd < at ? text.slice(userEnd + 1, at) : '';
    if (userRaw === '' && passwordRaw !== '') return failAt(src, head, 'the URL has a password but no username');
    if (userRaw !== '') username = decodeComponent(userRaw, 'username', warnings);
    if (passwordRaw !== '') password = decodeComponent(passwordRaw, 'password', warnings);
  }

  if (query >= end) {
    return failAt(src, end, `the URL has no options; it needs a broker list, like ?brokerlist='tcp://host:5672'`);
  }
  const tokens = scanOptions(src, query + 1, end, 'the URL');
  if (!tokens.ok) return tokens;
  const shared = readSharedOptions(src, tokens.value, URL_OPTIONS, URL_IGNORED, 'the URL');
  if (!shared.ok) return shared;
  const option = (key: string): OptionToken | undefined => shared.value.rest.find((token) => token.key === key);

  const cyclecounts: Located<number>[] = [];
  const cyclecount = option('cyclecount');
  if (cyclecount) {
    const number = wholeNumber(src, cyclecount);
    if (!number.ok) return number;
    cyclecounts.push(number.value);
  }

  let failover: Located<string> | undefined;
  const failoverToken = option('failover');
  if (failoverToken) {
    const method = parseFailover(src, failoverToken);
    if (!method.ok) return method;
    failover = method.value.method;
    cyclecounts.push(...method.value.cyclecounts);
  }

  const brokerList = option('brokerlist');
  if (!brokerList) {
    return failAt(src, query, `the URL has no brokerlist option; add one, like brokerlist='tcp://host:5672'`);
  }
  if (brokerList.value === '') return failAt(src, brokerList.valueAt, 'the brokerlist is empty');
  const brokers = parseBrokerList(src, brokerList);
  if (!brokers.ok) return brokers;

  return {
    ok: true,
    value: {
      src,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password }),
      brokers: brokers.value,
      ...(failover ? { failover } : {}),
      cyclecounts,
      defaults: shared.value.numbers,
      ...(shared.value.ssl ? { ssl: shared.value.ssl } : {}),
      ignored: shared.value.ignored,
      warnings,
    },
  };
}

/** `roundrobin`, or `roundrobin?cyclecount='2'`. */
function parseFailover(
  src: UrlText,
  token: OptionToken,
): Parsed<{ method: Located<string>; cyclecounts: Located<number>[] }> {
  const split = token.value.indexOf('?');
  const written = split >= 0 ? token.value.slice(0, split) : token.value;
  const method = written.toLowerCase();
  if (method === '') return failAt(src, token.valueAt, 'the failover method is empty');
  if (!FAILOVER_METHODS.includes(method)) {
    return failAt(
      src,
      token.valueAt,
      `unknown failover method "${written}" (use roundrobin, singlebroker or nofailover)`,
    );
  }
  const cyclecounts: Located<number>[] = [];
  if (split >= 0) {
    const start = token.valueAt + split + 1;
    const options = scanOptions(src, start, token.valueAt + token.value.length, 'the failover method');
    if (!options.ok) return options;
    for (const inner of options.value) {
      if (inner.key !== 'cyclecount') return unknownOption(src, inner, ['cyclecount'], 'the failover method');
      const number = wholeNumber(src, inner);
      if (!number.ok) return number;
      cyclecounts.push(number.value);
    }
  }
  return {
    ok: true,
    value: { method: { value: method, at: token.valueAt, written: `failover='${written}'` }, cyclecounts },
  };
}

function parseBrokerList(src: UrlText, token: OptionToken): Parsed<ClassicBrokerEntry[]> {
  const parts = splitOutsideQuotes(src, token.valueAt, token.valueAt + token.value.length, ';');
  const extra = parts[MAX_BROKERS];
  if (extra) return failAt(src, extra[0], `more than ${MAX_BROKERS} brokers; a profile holds at most ${MAX_BROKERS}`);
  const entries: ClassicBrokerEntry[] = [];
  for (const [index, [start, end]] of parts.entries()) {
    const broker = parseClassicBroker(src, start, end, index + 1);
    if (!broker.ok) return broker;
    const options = readSharedOptions(src, broker.value.options, BROKER_OPTIONS, BROKER_IGNORED, `broker ${index + 1}`);
    if (!options.ok) return options;
    const { numbers, ssl, ignored } = options.value;
    entries.push({ ...broker.value, numbers, ...(ssl ? { ssl } : {}), ignored });
  }
  return { ok: true, value: entries };
}
