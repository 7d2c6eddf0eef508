import { decodeJsonText } from './guarded-json';
import { isObject, readBoolean, readIp, type JsonObject } from './json-values';
import type { DecodeResult } from './message-decoder';
import { BLOCK_TYPES, type BlockMessage, type BlockType, type BlockValue } from './message-types';
import { quote, reject, type Rejection } from './rejection';

// An IP condition value is a tiny JSON object; anything bigger or deeper is not one.
const IP_VALUE_LIMITS = { maxBytes: 4096, maxDepth: 2 };

/** Reads a blocking-condition payload (`blockingCondition`, `conditionValue`, `state`, `id`, `tenantDomain`). */
export function readBlockMessage(data: JsonObject, base: string): DecodeResult {
  const rawType = data.blockingCondition;
  if (typeof rawType !== 'string') {
    return reject('wrong-type', `${base}.blockingCondition: expected a string, got ${quote(rawType)}`);
  }
  const conditionType = BLOCK_TYPES.find((t) => t === rawType.toUpperCase());
  if (!conditionType) {
    return reject(
      'bad-value',
      `${base}.blockingCondition: expected one of ${BLOCK_TYPES.join(', ')}, got ${quote(rawType)}`,
    );
  }

  const raw = data.conditionValue;
  if (raw === undefined) return reject('missing-field', `${base}.conditionValue: missing`);
  let conditionValue: string;
  let value: BlockValue | Rejection;
  if (conditionType === 'IP' || conditionType === 'IPRANGE') {
    // Sent as a JSON string; an object (as the admin API shows it) is read the same way.
    if (typeof raw !== 'string' && !isObject(raw)) {
      return reject('wrong-type', `${base}.conditionValue: expected a JSON string, got ${quote(raw)}`);
    }
    conditionValue = typeof raw === 'string' ? raw : JSON.stringify(raw);
    value = readIpValue(conditionType, raw, `${base}.conditionValue`);
  } else {
    if (typeof raw !== 'string') {
      return reject('wrong-type', `${base}.conditionValue: expected a string, got ${quote(raw)}`);
    }
    conditionValue = raw;
    value = readNamedValue(conditionType, raw);
  }
  if ('ok' in value) return value;

  const state = data.state;
  if (state === undefined) return reject('missing-field', `${base}.state: missing`);
  if (typeof state !== 'string' && typeof state !== 'boolean') {
    return reject('wrong-type', `${base}.state: expected "true" or "false", got ${quote(state)}`);
  }

  const id = data.id;
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
    return reject('wrong-type', `${base}.id: expected a string or a number, got ${quote(id)}`);
  }
  const tenantDomain = data.tenantDomain;
  if (tenantDomain !== undefined && tenantDomain !== null && typeof tenantDomain !== 'string') {
    return reject('wrong-type', `${base}.tenantDomain: expected a string, got ${quote(tenantDomain)}`);
  }
  const message: BlockMessage = {
    type: 'block',
    conditionType,
    conditionValue,
    value,
    active: readBoolean(state) === true,
    id: id === undefined || id === null ? undefined : String(id),
    tenantDomain: tenantDomain ?? undefined,
  };
  return { ok: true, message };
}

function readIpValue(type: 'IP' | 'IPRANGE', raw: string | JsonObject, path: string): BlockValue | Rejection {
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    const json = decodeJsonText(raw, IP_VALUE_LIMITS);
    if (!json.ok) return reject(json.code, `${path}: ${json.reason}`);
    parsed = json.value;
  }
  if (!isObject(parsed)) return reject('wrong-type', `${path}: expected a JSON object, got ${quote(parsed)}`);
  const invert = parsed.invert === undefined ? false : readBoolean(parsed.invert);
  if (invert === undefined)
    return reject('bad-value', `${path}.invert: expected true or false, got ${quote(parsed.invert)}`);
  if (type === 'IP') {
    const fixedIp = readIp(parsed.fixedIp);
    if (fixedIp === undefined)
      return reject('bad-value', `${path}.fixedIp: expected an IP address, got ${quote(parsed.fixedIp)}`);
    return { kind: 'ip', fixedIp, invert, text: invert ? `every IP except ${fixedIp}` : `IP ${fixedIp}` };
  }
  const startingIp = readIp(parsed.startingIp);
  if (startingIp === undefined) {
    return reject('bad-value', `${path}.startingIp: expected an IP address, got ${quote(parsed.startingIp)}`);
  }
  const endingIp = readIp(parsed.endingIp);
  if (endingIp === undefined) {
    return reject('bad-value', `${path}.endingIp: expected an IP address, got ${quote(parsed.endingIp)}`);
  }
  const range = `${startingIp}–${endingIp}`;
  return {
    kind: 'ipRange',
    startingIp,
    endingIp,
    invert,
    text: invert ? `every IP outside ${range}` : `IP range ${range}`,
  };
}

/** Values of the other types follow formats by convention only; one that does not stays raw. */
function readNamedValue(type: Exclude<BlockType, 'IP' | 'IPRANGE'>, raw: string): BlockValue {
  const fallback: BlockValue = { kind: 'raw', text: `${type.toLowerCase()} ${raw}` };
  switch (type) {
    case 'API':
      return { kind: 'api', apiContext: raw, text: `API ${raw}` };
    case 'USER': {
      const at = raw.lastIndexOf('@');
      return { kind: 'user', user: raw, tenant: at > 0 ? raw.slice(at + 1) : undefined, text: `user ${raw}` };
    }
    case 'APPLICATION': {
      const colon = raw.indexOf(':');
      if (colon <= 0 || colon === raw.length - 1) return fallback;
      const subscriber = raw.slice(0, colon);
      const appName = raw.slice(colon + 1);
      return { kind: 'application', subscriber, appName, text: `application ${appName} of ${subscriber}` };
    }
    case 'SUBSCRIPTION': {
      // {apiContext}:{apiVersion}:{subscriber}-{appName}:{keyType}
      const fields = raw.split(':');
      if (fields.length !== 4) return fallback;
      const [apiContext = '', apiVersion = '', owner = '', keyType = ''] = fields;
      const dash = owner.indexOf('-');
      if (!apiContext || !apiVersion || dash <= 0 || dash === owner.length - 1 || !keyType) return fallback;
      const subscriber = owner.slice(0, dash);
      const appName = owner.slice(dash + 1);
      return {
        kind: 'subscription',
        apiContext,
        apiVersion,
        subscriber,
        appName,
        keyType,
        text: `subscription of ${subscriber}'s ${appName} to ${apiContext} ${apiVersion} (${keyType})`,
      };
    }
  }
}
