import { DEFAULT_JSON_LIMITS, decodeJsonBuffer, type JsonLimits } from './guarded-json';
import { readBlockMessage } from './block-message';
import { decodePlainDecision } from './plain-decision';
import type { DecisionMessage, KeyTemplateMessage, ThrottleMessage } from './message-types';
import { isObject, readBoolean, type JsonObject } from './json-values';
import { quote, reject, type Rejection } from './rejection';

export type DecodeResult = { ok: true; message: ThrottleMessage } | Rejection;

/**
 * Decodes one `throttleData` payload: the `{"event":{"payloadData":{…}}}` envelope or a bare
 * payload object. On the hot path: hand-written checks, no schema library. Never throws.
 */
export function decodeThrottleMessage(payload: Buffer, limits: JsonLimits = DEFAULT_JSON_LIMITS): DecodeResult {
  if (payload.length <= limits.maxBytes && canDecodePlain(limits)) {
    const plain = decodePlainDecision(payload);
    if (plain) return { ok: true, message: plain };
  }
  const json = decodeJsonBuffer(payload, limits);
  if (!json.ok) return json;
  return readThrottleMessage(json.value);
}

/** The plain shape nests three levels: a smaller depth cap must refuse it, so it goes the general way. */
export function canDecodePlain(limits: JsonLimits): boolean {
  return limits.maxDepth >= 3;
}

/** The same checks over an already parsed value. */
export function readThrottleMessage(value: unknown): DecodeResult {
  if (!isObject(value)) return reject('not-object', `$: expected a JSON object, got ${quote(value)}`);
  let data = value;
  let base = '$';
  const event = value.event;
  if (event !== undefined) {
    if (!isObject(event)) return reject('wrong-type', `$.event: expected an object, got ${quote(event)}`);
    const payloadData = event.payloadData;
    if (payloadData === undefined) return reject('missing-field', '$.event.payloadData: missing');
    if (!isObject(payloadData)) {
      return reject('wrong-type', `$.event.payloadData: expected an object, got ${quote(payloadData)}`);
    }
    data = payloadData;
    base = '$.event.payloadData';
  }
  if (data.throttleKey !== undefined) return readDecision(data, base);
  if (data.blockingCondition !== undefined) return readBlockMessage(data, base);
  if (data.keyTemplateValue !== undefined) return readKeyTemplate(data, base);
  return reject(
    'unknown-kind',
    `${base}: not a decision, blocking condition or key template (none of throttleKey, blockingCondition, keyTemplateValue)`,
  );
}

const EPOCH_DIGITS = /^\d{1,16}$/;

function readDecision(data: JsonObject, base: string): DecodeResult {
  const key = data.throttleKey;
  if (typeof key !== 'string') return reject('wrong-type', `${base}.throttleKey: expected a string, got ${quote(key)}`);
  if (key.length === 0) return reject('bad-value', `${base}.throttleKey: is empty`);

  const isThrottled = readBoolean(data.isThrottled);
  if (isThrottled === undefined) {
    return data.isThrottled === undefined
      ? reject('missing-field', `${base}.isThrottled: missing`)
      : reject('bad-value', `${base}.isThrottled: expected true or false, got ${quote(data.isThrottled)}`);
  }

  const rawExpiry = data.expiryTimeStamp;
  let expiryTimeStamp: number;
  if (typeof rawExpiry === 'number' && Number.isSafeInteger(rawExpiry) && rawExpiry >= 0) {
    expiryTimeStamp = rawExpiry;
  } else if (typeof rawExpiry === 'string' && EPOCH_DIGITS.test(rawExpiry) && Number.isSafeInteger(Number(rawExpiry))) {
    expiryTimeStamp = Number(rawExpiry);
  } else if (rawExpiry === undefined) {
    return reject('missing-field', `${base}.expiryTimeStamp: missing`);
  } else {
    return reject(
      'bad-value',
      `${base}.expiryTimeStamp: expected epoch milliseconds (a whole number or a string of digits), got ${quote(rawExpiry)}`,
    );
  }

  const conditions = data.evaluatedConditions;
  if (conditions !== undefined && conditions !== null && typeof conditions !== 'string') {
    return reject('wrong-type', `${base}.evaluatedConditions: expected a Base64 string, got ${quote(conditions)}`);
  }
  const message: DecisionMessage = {
    type: 'decision',
    key,
    isThrottled,
    expiryTimeStamp,
    evaluatedConditions: conditions === null || conditions === '' ? undefined : conditions,
  };
  return { ok: true, message };
}

function readKeyTemplate(data: JsonObject, base: string): DecodeResult {
  const template = data.keyTemplateValue;
  if (typeof template !== 'string') {
    return reject('wrong-type', `${base}.keyTemplateValue: expected a string, got ${quote(template)}`);
  }
  if (template.length === 0) return reject('bad-value', `${base}.keyTemplateValue: is empty`);
  const state = data.keyTemplateState;
  if (state === undefined) return reject('missing-field', `${base}.keyTemplateState: missing`);
  if (typeof state !== 'string') {
    return reject('wrong-type', `${base}.keyTemplateState: expected a string, got ${quote(state)}`);
  }
  const message: KeyTemplateMessage = { type: 'keyTemplate', template, active: state.toLowerCase() === 'add' };
  return { ok: true, message };
}
