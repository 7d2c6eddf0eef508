import { hashByte } from './key-state-cache';
import type { DecisionMessage } from './message-types';

// The fast path of the decoder. Nearly every message on the topic is one decision in one plain
// shape: {"event":{"payloadData":{"throttleKey":"…","isThrottled":…,"expiryTimeStamp":…,
// "evaluatedConditions":"…"}}} (or the bare payload object), fields in any order, ASCII strings
// without escapes. This reads that shape straight from the bytes, skipping the string copy and
// JSON.parse. It accepts only valid JSON and yields exactly what the general decoder yields for
// the same bytes; on anything else (another field, an escape, a non-ASCII byte, a duplicate, a
// value the general path would refuse) it returns undefined and the general path decides.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const ZERO = 0x30;
const NINE = 0x39;

const FIELD_KEY = 1;
const FIELD_THROTTLED = 2;
const FIELD_EXPIRY = 4;
const FIELD_CONDITIONS = 8;
const REQUIRED = FIELD_KEY | FIELD_THROTTLED | FIELD_EXPIRY;

const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1');
/** The envelope as traffic managers write it, without spaces, up to the first field name's quote. */
const COMPACT_PREFIX = bytes('{"event":{"payloadData":{"');
// Field names with their closing quote, matched from the byte after the opening quote.
const EVENT = bytes('event"');
const PAYLOAD_DATA = bytes('payloadData"');
const THROTTLE_KEY = bytes('throttleKey"');
const IS_THROTTLED = bytes('isThrottled"');
const EXPIRY = bytes('expiryTimeStamp"');
const CONDITIONS = bytes('evaluatedConditions"');
const TRUE = bytes('true');
const FALSE = bytes('false');

/** Bytes a plain string may hold (0), its closing quote (1), and what sends it the general way (2). */
const STRING_BYTE = new Uint8Array(256).fill(2).fill(0, 0x20, 0x80);
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 2;

/** A decision read in place: the key as where its bytes are, its string made only on demand. */
export interface PlainDecision extends DecisionMessage {
  keyStart: number;
  keyEnd: number;
  /** `hashByte` hash of the key's bytes (see KeyStateCache). */
  keyHash: number;
}

/** Reading position and the last key's hash, shared by the helpers so they need not return pairs. */
let at = 0;
let keyHash = 0;

/** A blank to read into; the pipeline keeps one and refills it for every message. */
export function blankPlainDecision(): PlainDecision {
  return {
    type: 'decision',
    key: '',
    isThrottled: false,
    expiryTimeStamp: 0,
    evaluatedConditions: undefined,
    keyStart: 0,
    keyEnd: 0,
    keyHash: 0,
  };
}

/** Decodes the plain shape into a new message, or returns undefined. */
export function decodePlainDecision(buf: Buffer): DecisionMessage | undefined {
  const read = blankPlainDecision();
  if (!readPlainDecision(buf, read)) return undefined;
  return {
    type: 'decision',
    key: buf.toString('latin1', read.keyStart, read.keyEnd),
    isThrottled: read.isThrottled,
    expiryTimeStamp: read.expiryTimeStamp,
    evaluatedConditions: read.evaluatedConditions,
  };
}

/**
 * Reads the plain shape into `into` (reused by the pipeline for every message), except the key's
 * string: `into.key` is left as it was, for the caller to look the key up by its bytes first.
 * Returns false when the payload is not in the plain shape.
 */
export function readPlainDecision(buf: Buffer, into: PlainDecision): boolean {
  const end = buf.length;
  let closers = 1;
  if (startsWith(buf, COMPACT_PREFIX)) {
    at = COMPACT_PREFIX.length - 1;
    closers = 3;
  } else {
    at = skipSpace(buf, 0, end);
    if (buf[at] !== OPEN) return false;
    at = skipSpace(buf, at + 1, end);
    if (buf[at] !== QUOTE) return false;
    if (matches(buf, at + 1, EVENT)) {
      // {"event":{"payloadData":{ with spaces somewhere
      if (!colonThenOpen(buf, at + 1 + EVENT.length, end) || !matches(buf, at + 1, PAYLOAD_DATA)) return false;
      if (!colonThenOpen(buf, at + 1 + PAYLOAD_DATA.length, end)) return false;
      closers = 3;
    }
  }

  let seen = 0;
  let keyStart = 0;
  let keyStop = 0;
  let isThrottled = false;
  let expiry = 0;
  let conditions: string | undefined;
  for (;;) {
    // `at` is on the opening quote of a field name.
    const first = buf[at + 1];
    let field: number;
    let name: Uint8Array;
    if (first === 0x74 && matches(buf, at + 1, THROTTLE_KEY)) {
      field = FIELD_KEY;
      name = THROTTLE_KEY;
    } else if (first === 0x69 && matches(buf, at + 1, IS_THROTTLED)) {
      field = FIELD_THROTTLED;
      name = IS_THROTTLED;
    } else if (first === 0x65 && matches(buf, at + 1, EXPIRY)) {
      field = FIELD_EXPIRY;
      name = EXPIRY;
    } else if (first === 0x65 && matches(buf, at + 1, CONDITIONS)) {
      field = FIELD_CONDITIONS;
      name = CONDITIONS;
    } else {
      return false;
    }
    if (seen & field) return false;
    seen |= field;
    at = skipSpace(buf, at + 1 + name.length, end);
    if (buf[at] !== COLON) return false;
    at = skipSpace(buf, at + 1, end);

    if (field === FIELD_KEY) {
      const stop = keyEnd(buf, at, end);
      if (stop <= at + 1) return false;
      keyStart = at + 1;
      keyStop = stop;
      at = stop + 1;
    } else if (field === FIELD_THROTTLED) {
      const quoted = buf[at] === QUOTE;
      const start = quoted ? at + 1 : at;
      if (matches(buf, start, TRUE)) {
        isThrottled = true;
        at = start + TRUE.length;
      } else if (matches(buf, start, FALSE)) {
        isThrottled = false;
        at = start + FALSE.length;
      } else {
        return false;
      }
      if (quoted) {
        if (buf[at] !== QUOTE) return false;
        at += 1;
      }
    } else if (field === FIELD_EXPIRY) {
      const quoted = buf[at] === QUOTE;
      const start = quoted ? at + 1 : at;
      let value = 0;
      let i = start;
      for (; i < end; i += 1) {
        const c = buf[i] as number;
        if (c < ZERO || c > NINE) break;
        value = value * 10 + (c - ZERO);
      }
      const digits = i - start;
      // JSON numbers have no leading zeros; quoted digits may.
      if (digits === 0 || digits > 16 || !Number.isSafeInteger(value)) return false;
      if (!quoted && digits > 1 && buf[start] === ZERO) return false;
      if (quoted) {
        if (buf[i] !== QUOTE) return false;
        i += 1;
      }
      expiry = value;
      at = i;
    } else {
      const stop = stringEnd(buf, at, end);
      if (stop < 0) return false;
      conditions = stop === at + 1 ? undefined : buf.toString('latin1', at + 1, stop);
      at = stop + 1;
    }

    at = skipSpace(buf, at, end);
    const c = buf[at];
    if (c === CLOSE) break;
    if (c !== COMMA) return false;
    at = skipSpace(buf, at + 1, end);
    if (buf[at] !== QUOTE) return false;
  }
  if ((seen & REQUIRED) !== REQUIRED) return false;
  // The payload object's "}" is under `at`; the envelope's two follow.
  for (let i = 1; i < closers; i += 1) {
    at = skipSpace(buf, at + 1, end);
    if (buf[at] !== CLOSE) return false;
  }
  if (skipSpace(buf, at + 1, end) !== end) return false;
  into.keyStart = keyStart;
  into.keyEnd = keyStop;
  into.keyHash = keyHash;
  into.isThrottled = isThrottled;
  into.expiryTimeStamp = expiry;
  into.evaluatedConditions = conditions;
  return true;
}

/** As `stringEnd`, hashing the key's bytes on the way (into `keyHash`). */
function keyEnd(buf: Buffer, quote: number, end: number): number {
  if (buf[quote] !== QUOTE) return -1;
  let hash = 0;
  let i = quote + 1;
  for (; i < end; i += 1) {
    const c = buf[i] as number;
    if (STRING_BYTE[c] !== 0) break;
    hash = hashByte(hash, c);
  }
  keyHash = hash;
  return i < end && buf[i] === QUOTE ? i : -1;
}

/** With a string's opening quote at `quote`: the index of its closing quote, or -1 if not plain ASCII. */
function stringEnd(buf: Buffer, quote: number, end: number): number {
  if (buf[quote] !== QUOTE) return -1;
  let i = quote + 1;
  while (i < end && STRING_BYTE[buf[i] as number] === 0) i += 1;
  return i < end && buf[i] === QUOTE ? i : -1;
}

/** After a field name: ":" then "{" then the next field name's opening quote, left in `at`. */
function colonThenOpen(buf: Buffer, from: number, end: number): boolean {
  at = skipSpace(buf, from, end);
  if (buf[at] !== COLON) return false;
  at = skipSpace(buf, at + 1, end);
  if (buf[at] !== OPEN) return false;
  at = skipSpace(buf, at + 1, end);
  return buf[at] === QUOTE;
}

function skipSpace(buf: Buffer, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i += 1;
  }
  return i;
}

function matches(buf: Buffer, start: number, expected: Uint8Array): boolean {
  if (start + expected.length > buf.length) return false;
  for (let i = 0; i < expected.length; i += 1) if (buf[start + i] !== expected[i]) return false;
  return true;
}

function startsWith(buf: Buffer, prefix: Uint8Array): boolean {
  return matches(buf, 0, prefix);
}
