import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodedRecordBuilder } from '../../../electron/core/throttle/decoded-record';
import { decodeConditions } from '../../../electron/core/throttle/evaluated-conditions';
import { decodeJsonBuffer } from '../../../electron/core/throttle/guarded-json';
import { classifyThrottleKey } from '../../../electron/core/throttle/key-classifier';
import { compileKeyTemplate } from '../../../electron/core/throttle/key-template';
import { decodeThrottleMessage, readThrottleMessage } from '../../../electron/core/throttle/message-decoder';
import { hashByte } from '../../../electron/core/throttle/key-state-cache';
import {
  decodePlainDecision,
  readPlainDecision,
  type PlainDecision,
} from '../../../electron/core/throttle/plain-decision';
import { createThrottlePipeline } from '../../../electron/core/throttle/throttle-pipeline';
import { decision, envelope, FREE_TIER, WINDOW_END } from './payloads';

/** The decoder without its fast path: guarded JSON.parse, then the checks on the parsed value. */
function generalPath(payload: Buffer) {
  const json = decodeJsonBuffer(payload);
  return json.ok ? readThrottleMessage(json.value) : json;
}

/** Everything a payload goes through in the console and in `tmc decode`; none of it may throw. */
function decodeFully(payload: Buffer): void {
  const builder = new DecodedRecordBuilder();
  const record = builder.build(decodeThrottleMessage(payload));
  JSON.stringify(record);
}

const VALID = [
  decision('/pizzashack/1.0.0/1.0.0/menu:GET_condition_1', 'true', String(WINDOW_END), FREE_TIER),
  decision('12:admin@carbon.super', false, WINDOW_END),
  envelope({
    blockingCondition: 'IPRANGE',
    conditionValue: '{"startingIp":"10.0.0.1","endingIp":"10.0.0.9","invert":true}',
    state: 'true',
  }),
  envelope({ keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'add' }),
];

/** A valid payload with bytes replaced, removed, inserted, or cut off. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.record({
        op: fc.constantFrom('replace', 'delete', 'insert', 'truncate'),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([payload, edits]) => {
    let bytes = [...payload];
    for (const { op, at, byte } of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === 'replace') bytes[i] = byte;
      else if (op === 'delete') bytes.splice(i, 1);
      else if (op === 'insert') bytes.splice(i, 0, byte);
      else bytes = bytes.slice(0, i);
    }
    return Buffer.from(bytes);
  });

/** JSON text for a value: serialized values, and raw tokens JSON.stringify never writes. */
const oddValueText = fc.oneof(
  fc.constantFrom(
    '0123',
    '00',
    '-0',
    '1e3',
    '1.0',
    'tru',
    'True',
    'nul',
    '"\\u0031"',
    '"a\\"b"',
    '"\u0001"',
    '"\\/"',
    '"é"',
  ),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
);
const usually = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: oddValueText, weight: 1 });

const FIELDS: [string, fc.Arbitrary<string>][] = [
  [
    'throttleKey',
    usually(
      fc.oneof(
        fc.constantFrom('"12:admin@carbon.super"', '"/pizzashack/1.0.0:1.0.0_default"', '""', '"\\u002fx"', '"müller"'),
        fc.string().map((key) => JSON.stringify(key)),
      ),
    ),
  ],
  [
    'isThrottled',
    usually(
      fc.oneof(
        { arbitrary: fc.constantFrom('true', 'false', '"true"', '"false"'), weight: 4 },
        { arbitrary: fc.constantFrom('"TRUE"', '"yes"', '1', 'null', '"true', 'truex'), weight: 1 },
      ),
    ),
  ],
  [
    'expiryTimeStamp',
    usually(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^(0|[1-9]\d{0,15})$/), weight: 3 },
        { arbitrary: fc.stringMatching(/^"\d{1,16}"$/), weight: 3 },
        { arbitrary: fc.stringMatching(/^-?\d{1,18}(\.\d{1,3})?([eE][+-]?\d{1,2})?$/), weight: 1 },
        { arbitrary: fc.stringMatching(/^"\d{0,18}"$/), weight: 1 },
        { arbitrary: fc.stringMatching(/^0\d{1,5}$/), weight: 1 },
        {
          arbitrary: fc.constantFrom('9007199254740991', '9007199254740993', '"9007199254740993"', '12345678901234567'),
          weight: 1,
        },
      ),
    ),
  ],
  ['evaluatedConditions', usually(fc.constantFrom(`"${FREE_TIER}"`, '""', 'null', '"not base64!"'))],
  ['other', oddValueText],
  ['__proto__', oddValueText],
];
const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ');

/**
 * Decision payloads at the edges of the fast path's shape: the three required fields usually
 * present with usually valid values, sometimes a missing, extra or repeated field, in any order.
 */
const plainish = fc
  .tuple(
    ...FIELDS.map(([name, value], index) =>
      fc.tuple(fc.constant(name), value, fc.noBias(fc.nat(99))).map(([n, v, roll]) => {
        const present = index < 3 ? roll < 92 : index === 3 ? roll < 50 : roll < 5;
        const repeated = roll >= 97;
        return present
          ? repeated
            ? [
                [n, v],
                [n, v],
              ]
            : [[n, v]]
          : [];
      }),
    ),
  )
  .chain((groups) =>
    // Now and then one field twice, with another value (JSON.parse keeps the last).
    fc.tuple(fc.constant(groups.flat()), fc.noBias(fc.nat(99)), fc.constantFrom(...FIELDS.slice(0, 3)), fc.nat()),
  )
  .chain(([fields, roll, [name, value], at]) =>
    value.map((second) =>
      roll < 4
        ? [...fields.slice(0, at % (fields.length + 1)), [name, second], ...fields.slice(at % (fields.length + 1))]
        : fields,
    ),
  )
  .chain((fields) => fc.shuffledSubarray(fields, { minLength: fields.length }))
  .chain((fields) =>
    fc
      .tuple(
        fc.boolean(),
        space,
        space,
        fc.constantFrom('', '', '', '', ' ', ',', '}', 'x'),
        // Now and then broken punctuation: a missing or wrong colon or comma.
        fc.constantFrom(':', ':', ':', ':', ':', ':', ':', ':', '', ';', '::'),
        fc.constantFrom(',', ',', ',', ',', ',', ',', ',', ',', '', ';', ',,'),
      )
      .map(([wrapped, s1, s2, trailer, colon, comma]) => {
        const body = `{${s1}${fields.map(([name, value]) => `"${name}"${s2}${colon}${s1}${value}`).join(`${s2}${comma}${s1}`)}${s2}}`;
        return Buffer.from(
          wrapped ? `{${s2}"event":${s1}{"payloadData":${s1}${body}${s2}}}${s1}${trailer}` : `${s1}${body}${trailer}`,
        );
      }),
  );

const anyBytes = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes));
const anyText = fc.string({ unit: 'binary', maxLength: 300 }).map((text) => Buffer.from(text));
const anyJson = fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null'));
const anyEnvelope = fc
  .dictionary(
    fc.constantFrom(
      ...FIELDS.map(([name]) => name),
      'blockingCondition',
      'conditionValue',
      'state',
      'keyTemplateValue',
      'keyTemplateState',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map((payloadData) => envelope(payloadData));

const RUNS = { numRuns: 400 };

describe('the decoder never throws', () => {
  it.each([
    ['arbitrary bytes', anyBytes],
    ['arbitrary strings', anyText],
    ['arbitrary JSON', anyJson],
    ['arbitrary envelopes', anyEnvelope],
    ['mutated valid payloads', mutated],
    ['decision-like payloads', plainish],
  ])('on %s', (_name, payloads) => {
    fc.assert(
      fc.property(payloads, (payload) => {
        expect(() => decodeFully(payload)).not.toThrow();
        const result = decodeThrottleMessage(payload);
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('nor do the key classifier, templates and conditions', () => {
    const templates = [compileKeyTemplate('$userId:$apiContext:$apiVersion'), compileKeyTemplate('$clientIp:$appId')];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 40 }), (key, template) => {
        expect(() => classifyThrottleKey(key, [...templates, compileKeyTemplate(template)])).not.toThrow();
        expect(() => decodeConditions(key)).not.toThrow();
        expect(() => decodeConditions(Buffer.from(key).toString('base64'))).not.toThrow();
      }),
      RUNS,
    );
  });

  it('nor does the pipeline, and every payload is either applied or counted as rejected', () => {
    const pipeline = createThrottlePipeline({ clock: () => 0, schedule: () => () => undefined });
    let ingested = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(anyBytes, anyJson, mutated, plainish), fc.constantFrom('tm1', 'tm2'), (payload, broker) => {
        ingested += 1;
        if (pipeline.ingest(broker, payload, 1000) === 'rejected') rejected += 1;
      }),
      RUNS,
    );
    const counters = pipeline.counters();
    expect(counters.messages).toBe(ingested);
    expect(counters.rejected).toBe(rejected);
  });
});

describe('the fast path', () => {
  it('takes the plain shape', () => {
    for (const payload of VALID.slice(0, 2)) expect(decodePlainDecision(payload)).toBeDefined();
  });

  it('reads in place exactly what it decodes, with the key where its bytes are and their hash', () => {
    const read: PlainDecision = {
      type: 'decision',
      key: 'untouched',
      isThrottled: false,
      expiryTimeStamp: 0,
      evaluatedConditions: undefined,
      keyStart: 0,
      keyEnd: 0,
      keyHash: 0,
    };
    fc.assert(
      fc.property(plainish, (payload) => {
        const decoded = decodePlainDecision(payload);
        expect(readPlainDecision(payload, read)).toBe(decoded !== undefined);
        if (!decoded) return;
        const key = payload.toString('latin1', read.keyStart, read.keyEnd);
        expect({ ...read, key, keyStart: 0, keyEnd: 0, keyHash: 0 }).toEqual({
          ...decoded,
          keyStart: 0,
          keyEnd: 0,
          keyHash: 0,
        });
        expect(read.key).toBe('untouched');
        expect(read.keyHash).toBe([...payload.subarray(read.keyStart, read.keyEnd)].reduce(hashByte, 0));
      }),
      RUNS,
    );
  });

  it('decodes exactly as the general path does, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(plainish, mutated, anyJson, anyBytes), (payload) => {
        expect(decodeThrottleMessage(payload)).toEqual(generalPath(payload));
      }),
      { numRuns: 2000 },
    );
  });
});
