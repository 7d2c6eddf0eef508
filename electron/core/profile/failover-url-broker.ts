import { isIPv4, isIPv6 } from 'node:net';
import { failAt, scanOptions, type OptionToken, type Parsed, type UrlText } from './failover-url-text';

/** One entry of a classic broker list: `tcp://host:5672?retries='5'&connectdelay='50'`. */
export interface ClassicBroker {
  scheme: 'tcp' | 'ssl';
  /** As it goes into a URL: a name, an IPv4 address, or an IPv6 address in brackets. */
  host: string;
  port: number;
  options: OptionToken[];
}

const DEFAULT_PORT = { tcp: 5672, ssl: 5671 } as const;
const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const DOTTED_NUMBERS = /^\d+(\.\d+)*$/;

/** Parses text[start..end) as broker number `n` (1-based, for messages). */
export function parseClassicBroker(src: UrlText, start: number, end: number, n: number): Parsed<ClassicBroker> {
  const { text } = src;
  const where = `broker ${n}`;
  if (start === end) return failAt(src, start, `${where} is empty (two ";" in a row, or a ";" at the end?)`);

  const questionMark = indexWithin(text, '?', start, end);
  const query = questionMark >= 0 ? questionMark : end;
  const separator = indexWithin(text, '://', start, query);
  let scheme: ClassicBroker['scheme'] = 'tcp';
  let hostStart = start;
  // Like the Qpid client, a bare host:port means tcp.
  if (separator >= 0) {
    const written = text.slice(start, separator).toLowerCase();
    if (written !== 'tcp' && written !== 'ssl') {
      return failAt(src, start, `unknown scheme "${text.slice(start, separator)}" for ${where} (use tcp:// or ssl://)`);
    }
    scheme = written;
    hostStart = separator + 3;
  }

  const slash = indexWithin(text, '/', hostStart, query);
  const addressEnd = slash >= 0 ? slash : query;
  if (slash >= 0 && query - slash > 1) {
    return failAt(src, slash, `unexpected path "${text.slice(slash, query)}" after the address of ${where}`);
  }
  const address = parseAddress(src, hostStart, addressEnd, where);
  if (!address.ok) return address;

  const options = query < end ? scanOptions(src, query + 1, end, where) : { ok: true as const, value: [] };
  if (!options.ok) return options;
  return {
    ok: true,
    value: {
      scheme,
      host: address.value.host,
      port: address.value.port ?? DEFAULT_PORT[scheme],
      options: options.value,
    },
  };
}

function indexWithin(text: string, needle: string, start: number, end: number): number {
  const at = text.indexOf(needle, start);
  return at >= 0 && at + needle.length <= end ? at : -1;
}

function parseAddress(
  src: UrlText,
  start: number,
  end: number,
  where: string,
): Parsed<{ host: string; port: number | undefined }> {
  const written = src.text.slice(start, end);
  if (written === '') return failAt(src, start, `${where} has no host`);
  const placeholder = written.indexOf('${');
  if (placeholder >= 0) {
    return failAt(
      src,
      start + placeholder,
      `${where} has a configuration placeholder instead of an address; put the traffic manager's host and port here`,
    );
  }

  let host: string;
  let portAt: number;
  if (written.startsWith('[')) {
    const close = written.indexOf(']');
    if (close < 0) return failAt(src, start, `"[" without "]" in the IPv6 address of ${where}`);
    const inner = written.slice(1, close);
    if (!isIPv6(inner)) return failAt(src, start + 1, `"${inner}" is not an IPv6 address`);
    host = `[${inner}]`;
    portAt = start + close + 1;
    if (portAt < end && src.text[portAt] !== ':') return failAt(src, portAt, `expected ":" and a port after "]"`);
  } else {
    const colon = written.indexOf(':');
    if (colon >= 0 && written.indexOf(':', colon + 1) >= 0) {
      return failAt(src, start, `an IPv6 address must be written in brackets, like tcp://[${written}]:5672`);
    }
    host = colon >= 0 ? written.slice(0, colon) : written;
    portAt = colon >= 0 ? start + colon : end;
    if (!HOST_NAME.test(host)) return failAt(src, start, `"${host}" is not a valid host name or address`);
    if (DOTTED_NUMBERS.test(host) && !isIPv4(host)) return failAt(src, start, `"${host}" is not a valid IPv4 address`);
  }
  if (portAt >= end) return { ok: true, value: { host, port: undefined } };
  const portText = src.text.slice(portAt + 1, end);
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65_535)) {
    return failAt(
      src,
      portAt + 1,
      portText === '' ? `${where} has ":" but no port` : `bad port "${portText}" for ${where} (use 1–65535)`,
    );
  }
  return { ok: true, value: { host, port } };
}
