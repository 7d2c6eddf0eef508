// The text layer of the classic failover URL: `%26` decoded to `&` with every character's offset
// in the original kept (so errors point into what the operator pasted), the password located so
// no error message ever shows it, and quote-aware scanning of `name='value'` lists whose values
// may nest further quoted lists (brokerlist='tcp://h:5672?retries='5'&connectdelay='50'').

/** What is wrong and where: `offset` counts characters of the original URL. */
export interface ImportError {
  message: string;
  offset: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ImportError };

export interface UrlText {
  readonly input: string;
  /** The URL with every `%26` turned into `&`. */
  readonly text: string;
  /** origin[i] is the offset in `input` of text[i]; origin[text.length] is input.length. */
  readonly origin: readonly number[];
}

export interface OptionToken {
  key: string;
  keyAt: number;
  value: string;
  /** Index in `text` of the value's first character (after the opening quote). */
  valueAt: number;
}

const EXCERPT_LENGTH = 32;
const MASK = '****';
const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function decodeUrlText(input: string): UrlText {
  let text = '';
  const origin: number[] = [];
  for (let i = 0; i < input.length;) {
    if (input[i] === '%' && input.slice(i + 1, i + 3) === '26') {
      text += '&';
      origin.push(i);
      i += 3;
    } else {
      text += input[i];
      origin.push(i);
      i += 1;
    }
  }
  origin.push(input.length);
  return { input, text, origin };
}

/** Where the password sits in the original URL (`scheme://user:PASSWORD@…`), if it has one. */
export function locatePassword(input: string): { start: number; end: number } | undefined {
  const src = decodeUrlText(input);
  const scheme = /^\s*"?[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(src.text);
  if (!scheme) return undefined;
  const head = scheme[0].length;
  const query = src.text.indexOf('?', head);
  const at = src.text.lastIndexOf('@', query < 0 ? src.text.length : query);
  const colon = src.text.indexOf(':', head);
  if (at < head || colon < 0 || colon > at) return undefined;
  return { start: src.origin[colon + 1] ?? 0, end: src.origin[at] ?? 0 };
}

/** The URL as it may be shown: the password replaced by ****, and where `offset` lands in it. */
export function redactUrl(input: string, offset: number): { text: string; offset: number } {
  const password = locatePassword(input);
  if (!password || password.start === password.end) return { text: input, offset };
  const text = input.slice(0, password.start) + MASK + input.slice(password.end);
  const shift = MASK.length - (password.end - password.start);
  if (offset >= password.end) return { text, offset: offset + shift };
  return { text, offset: Math.min(offset, password.start) };
}

/** An error at text index `index`, naming the offset and quoting the (redacted) text there. */
export function failAt(src: UrlText, index: number, reason: string): { ok: false; error: ImportError } {
  const offset = src.origin[Math.min(index, src.text.length)] ?? src.input.length;
  const shown = redactUrl(src.input, offset);
  const rest = shown.text.slice(shown.offset);
  const excerpt =
    rest.length === 0
      ? 'at the end of the URL'
      : `at offset ${offset}: "${rest.slice(0, EXCERPT_LENGTH)}${rest.length > EXCERPT_LENGTH ? '…' : ''}"`;
  return { ok: false, error: { message: `${reason}, ${excerpt}`, offset } };
}

/** Where the quoted value that opens at `open` closes, or -1. A quote right after "=" nests. */
function closingQuote(text: string, open: number, end: number): number {
  let depth = 1;
  for (let k = open + 1; k < end; k += 1) {
    if (text[k] !== "'") continue;
    depth += text[k - 1] === '=' ? 1 : -1;
    if (depth === 0) return k;
  }
  return -1;
}

/** `name='value'` pairs between `start` and `end`, separated by `&` (or `,`, as Qpid allows). */
export function scanOptions(src: UrlText, start: number, end: number, where: string): Parsed<OptionToken[]> {
  const { text } = src;
  const tokens: OptionToken[] = [];
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && !"=&,'".includes(text[j] ?? '')) j += 1;
    const key = text.slice(i, j);
    if (text[j] !== '=') return failAt(src, i, `expected an option like name='value' in ${where}`);
    if (!OPTION_NAME.test(key)) {
      return failAt(src, i, key === '' ? `an option in ${where} has no name` : `"${key}" is not an option name`);
    }
    if (tokens.some((token) => token.key === key))
      return failAt(src, i, `the option ${key} is given twice in ${where}`);
    const open = j + 1;
    if (text[open] !== "'") return failAt(src, open, `the value of ${key} must be in single quotes, like ${key}='…'`);
    const close = closingQuote(text, open, end);
    if (close < 0) return failAt(src, open, `unbalanced quote: the value of ${key} that opens here is never closed`);
    tokens.push({ key, keyAt: i, value: text.slice(open + 1, close), valueAt: open + 1 });
    i = close + 1;
    if (i >= end) break;
    if (text[i] === '&' || text[i] === ',') {
      i += 1;
      if (i >= end) return failAt(src, i - 1, `nothing follows "${text[i - 1]}" in ${where}`);
    } else if (text[i] === "'") {
      return failAt(src, i, `one quote too many after the value of ${key}`);
    } else {
      return failAt(src, i, `expected "&" after the value of ${key}, found "${text[i]}"`);
    }
  }
  return { ok: true, value: tokens };
}

/** Splits `start..end` at `separator`s outside quoted values; each part as [start, end). */
export function splitOutsideQuotes(src: UrlText, start: number, end: number, separator: string): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let from = start;
  for (let k = start; k < end; k += 1) {
    const c = src.text[k];
    if (c === "'") depth += src.text[k - 1] === '=' ? 1 : -1;
    else if (c === separator && depth === 0) {
      parts.push([from, k]);
      from = k + 1;
    }
  }
  parts.push([from, end]);
  return parts;
}
