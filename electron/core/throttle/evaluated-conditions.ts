import { decodeJsonBuffer } from './guarded-json';
import { isObject, readBoolean, readIp, type JsonObject } from './json-values';
import type { ThrottleCondition } from './message-types';
import { quote } from './rejection';

const MAX_BASE64_CHARS = 16 * 1024;
const JSON_LIMITS = { maxBytes: 12 * 1024, maxDepth: 6 };
const MAX_CONDITIONS = 64;
const MAX_VALUES = 64;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const NAMED_KINDS = {
  header: { kind: 'header', label: 'header' },
  queryparametertype: { kind: 'queryParameter', label: 'query parameter' },
  jwtclaims: { kind: 'jwtClaim', label: 'JWT claim' },
} as const;

/**
 * Decodes `evaluatedConditions` (Base64 of a JSON array such as
 * `[{"header":{"values":{"x-tier":"free"},"invert":false}}]`) into readable conditions. Never
 * throws: what cannot be read becomes one `unreadable` entry saying why, so the decision it came
 * with is kept.
 */
export function decodeConditions(base64: string): ThrottleCondition[] {
  if (base64.length > MAX_BASE64_CHARS) {
    return unreadable(`evaluatedConditions is ${base64.length} characters, over the ${MAX_BASE64_CHARS} cap`);
  }
  if (!BASE64.test(base64)) return unreadable('evaluatedConditions is not Base64');
  const json = decodeJsonBuffer(Buffer.from(base64, 'base64'), JSON_LIMITS);
  if (!json.ok) return unreadable(`evaluatedConditions: ${json.reason}`);
  const list = json.value;
  if (!Array.isArray(list)) return unreadable(`evaluatedConditions: expected a JSON array, got ${quote(list)}`);
  if (list.length > MAX_CONDITIONS) {
    return unreadable(`evaluatedConditions holds ${list.length} entries, over the ${MAX_CONDITIONS} cap`);
  }
  const conditions: ThrottleCondition[] = [];
  list.forEach((entry: unknown, index) => {
    if (!isObject(entry)) {
      conditions.push(unreadableOne(`evaluatedConditions[${index}]: expected an object, got ${quote(entry)}`));
      return;
    }
    for (const [kind, body] of Object.entries(entry)) {
      conditions.push(readCondition(kind, body, `evaluatedConditions[${index}].${kind}`));
    }
  });
  return conditions;
}

function readCondition(kind: string, body: unknown, path: string): ThrottleCondition {
  if (!isObject(body)) return unreadableOne(`${path}: expected an object, got ${quote(body)}`);
  const invert = body.invert === undefined ? false : readBoolean(body.invert);
  if (invert === undefined) return unreadableOne(`${path}.invert: expected true or false, got ${quote(body.invert)}`);
  const lower = kind.toLowerCase();
  if (lower === 'ipspecific') {
    const ip = readIp(body.specificIp);
    if (ip === undefined)
      return unreadableOne(`${path}.specificIp: expected an IP address, got ${quote(body.specificIp)}`);
    return { kind: 'ipSpecific', invert, ip, text: negate(invert, `IP ${ip}`) };
  }
  if (lower === 'iprange') {
    const startingIp = readIp(body.startingIp);
    const endingIp = readIp(body.endingIp);
    if (startingIp === undefined || endingIp === undefined) {
      return unreadableOne(`${path}: expected startingIp and endingIp as IP addresses`);
    }
    return {
      kind: 'ipRange',
      invert,
      startingIp,
      endingIp,
      text: negate(invert, `IP range ${startingIp}–${endingIp}`),
    };
  }
  const named = lower in NAMED_KINDS ? NAMED_KINDS[lower as keyof typeof NAMED_KINDS] : undefined;
  if (!named) return unreadableOne(`${path}: unknown condition kind ${quote(kind)}`);
  return readNamed(named, body, invert, path);
}

function readNamed(
  named: (typeof NAMED_KINDS)[keyof typeof NAMED_KINDS],
  body: JsonObject,
  invert: boolean,
  path: string,
): ThrottleCondition {
  if (!isObject(body.values)) return unreadableOne(`${path}.values: expected an object, got ${quote(body.values)}`);
  const entries = Object.entries(body.values);
  if (entries.length === 0 || entries.length > MAX_VALUES) {
    return unreadableOne(`${path}.values: expected 1 to ${MAX_VALUES} entries, got ${entries.length}`);
  }
  const values: { name: string; value: string }[] = [];
  for (const [name, value] of entries) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return unreadableOne(`${path}.values.${name}: expected a string, got ${quote(value)}`);
    }
    values.push({ name, value: String(value) });
  }
  const text = values.map((v) => `${named.label} ${v.name} = ${v.value}`).join(' and ');
  return { kind: named.kind, invert, values, text: negate(invert, text, values.length > 1) };
}

function negate(invert: boolean, text: string, compound = false): string {
  if (!invert) return text;
  return compound ? `not (${text})` : `not ${text}`;
}

function unreadableOne(text: string): ThrottleCondition {
  return { kind: 'unreadable', invert: false, text };
}

function unreadable(text: string): ThrottleCondition[] {
  return [unreadableOne(text)];
}

/**
 * The same few condition groups arrive over and over (and once per traffic manager): decode
 * each distinct string once. Bounded by count and by key characters: when either cap is reached
 * it starts over rather than tracking recency.
 */
export class ConditionCache {
  private readonly entries = new Map<string, readonly ThrottleCondition[]>();
  private chars = 0;

  constructor(
    private readonly maxEntries = 1024,
    private readonly maxChars = 1024 * 1024,
  ) {}

  get(base64: string): readonly ThrottleCondition[] {
    let conditions = this.entries.get(base64);
    if (conditions === undefined) {
      conditions = decodeConditions(base64);
      if (this.entries.size >= this.maxEntries || this.chars + base64.length > this.maxChars) {
        this.entries.clear();
        this.chars = 0;
      }
      this.entries.set(base64, conditions);
      this.chars += base64.length;
    }
    return conditions;
  }
}
