import { isUtf8 } from 'node:buffer';
import { reject, type Rejection } from './rejection';
import { scanJson } from './json-scan';

export interface JsonLimits {
  /** Checked on the raw bytes before anything is decoded or parsed. */
  maxBytes: number;
  /** Objects and arrays nested deeper than this are refused before parsing. */
  maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 64 * 1024, maxDepth: 32 };

export type JsonResult = { ok: true; value: unknown } | Rejection;

// Any of these in the text sends it through the exact scanner; `\u` because an escape can spell
// a forbidden key ("__pr\u006fto__") without its letters appearing in the raw text.
const SUSPICIOUS = /__proto__|constructor|prototype|\\u/;

/** Decodes a UTF-8 JSON payload. Never throws; the size cap is checked before any decoding. */
export function decodeJsonBuffer(payload: Buffer, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonResult {
  const bytes = payload.length;
  if (bytes > limits.maxBytes) {
    return reject('too-large', `payload is ${bytes} bytes, over the ${limits.maxBytes}-byte cap`);
  }
  if (bytes === 0) return reject('empty', 'payload is empty');
  const text = payload.toString('utf8');
  // Invalid sequences decode to U+FFFD; only then is the (rarer) exact check worth its cost.
  if (text.includes('\uFFFD') && !isUtf8(payload)) return reject('not-utf8', 'payload is not valid UTF-8');
  return parseGuarded(text, limits);
}

/** Decodes JSON held in a string (a field that itself carries JSON), under the same caps. */
export function decodeJsonText(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonResult {
  // A UTF-16 length is a lower bound of the UTF-8 size; 3 bytes per unit is the upper one.
  if (
    text.length > limits.maxBytes ||
    (text.length * 3 > limits.maxBytes && Buffer.byteLength(text) > limits.maxBytes)
  ) {
    return reject('too-large', `JSON text is over the ${limits.maxBytes}-byte cap`);
  }
  if (text.length === 0) return reject('empty', 'JSON text is empty');
  return parseGuarded(text, limits);
}

function parseGuarded(text: string, limits: JsonLimits): JsonResult {
  if (openingsExceed(text, limits.maxDepth) || SUSPICIOUS.test(text)) {
    const problem = scanJson(text, limits.maxDepth);
    if (problem) return problem;
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return reject('not-json', `not JSON: ${message.length > 160 ? `${message.slice(0, 160)}…` : message}`);
  }
}

/** True when the text holds more "{" and "[" than the depth cap: only then can it nest too deep. */
function openingsExceed(text: string, maxDepth: number): boolean {
  let count = 0;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
    if (++count > maxDepth) return true;
  }
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
    if (++count > maxDepth) return true;
  }
  return false;
}
