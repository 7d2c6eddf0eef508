import { describe, expect, it } from 'vitest';
import { decodeThrottleMessage } from '../../../electron/core/throttle/message-decoder';
import { decision, envelope, FREE_TIER, WINDOW_END } from './payloads';

const decode = (payload: Buffer | string) =>
  decodeThrottleMessage(typeof payload === 'string' ? Buffer.from(payload) : payload);

describe('decodeThrottleMessage: decisions', () => {
  it('reads the envelope as a WSO2 traffic manager sends it (strings for the boolean and the number)', () => {
    expect(
      decode(decision('/pizzashack/1.0.0/1.0.0/menu:GET_condition_1', 'true', String(WINDOW_END), FREE_TIER)),
    ).toEqual({
      ok: true,
      message: {
        type: 'decision',
        key: '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1',
        isThrottled: true,
        expiryTimeStamp: WINDOW_END,
        evaluatedConditions: FREE_TIER,
      },
    });
  });

  it('reads a bare payload object (older releases) and native JSON types', () => {
    const bare = JSON.stringify({
      throttleKey: '12:admin@carbon.super',
      isThrottled: false,
      expiryTimeStamp: WINDOW_END,
    });
    expect(decode(bare)).toEqual({
      ok: true,
      message: {
        type: 'decision',
        key: '12:admin@carbon.super',
        isThrottled: false,
        expiryTimeStamp: WINDOW_END,
        evaluatedConditions: undefined,
      },
    });
  });

  it('reads the general shapes too: spacing, field order, escapes, extra fields, null conditions', () => {
    const spaced = `{ "event" : { "payloadData" : {\n  "expiryTimeStamp" : ${WINDOW_END} ,\n  "isThrottled" : "TRUE",\n  "throttleKey" : "admin@carbon.super:\\/api:1.0",\n  "evaluatedConditions": null, "extra": [1] } } }`;
    expect(decode(spaced)).toEqual({
      ok: true,
      message: {
        type: 'decision',
        key: 'admin@carbon.super:/api:1.0',
        isThrottled: true,
        expiryTimeStamp: WINDOW_END,
        evaluatedConditions: undefined,
      },
    });
    expect(decode(decision('12:müller@carbon.super', true))).toMatchObject({
      message: { key: '12:müller@carbon.super' },
    });
  });

  it.each([
    ['not an object', '[1,2]', 'not-object', '$: expected a JSON object, got an array'],
    ['a string', '"throttleKey"', 'not-object', '$: expected a JSON object, got "throttleKey"'],
    ['event not an object', '{"event":7}', 'wrong-type', '$.event: expected an object, got 7'],
    ['no payloadData', '{"event":{}}', 'missing-field', '$.event.payloadData: missing'],
    [
      'payloadData a string',
      '{"event":{"payloadData":"x"}}',
      'wrong-type',
      '$.event.payloadData: expected an object, got "x"',
    ],
    [
      'no kind field',
      '{"event":{"payloadData":{"foo":1}}}',
      'unknown-kind',
      '$.event.payloadData: not a decision, blocking condition or key template (none of throttleKey, blockingCondition, keyTemplateValue)',
    ],
  ])('refuses %s', (_name, text, code, reason) => {
    expect(decode(text)).toEqual({ ok: false, code, reason });
  });

  it.each([
    [
      { throttleKey: 12, isThrottled: true, expiryTimeStamp: 1 },
      'wrong-type',
      '$.event.payloadData.throttleKey: expected a string, got 12',
    ],
    [
      { throttleKey: '', isThrottled: true, expiryTimeStamp: 1 },
      'bad-value',
      '$.event.payloadData.throttleKey: is empty',
    ],
    [{ throttleKey: 'k', expiryTimeStamp: 1 }, 'missing-field', '$.event.payloadData.isThrottled: missing'],
    [
      { throttleKey: 'k', isThrottled: 'yes', expiryTimeStamp: 1 },
      'bad-value',
      '$.event.payloadData.isThrottled: expected true or false, got "yes"',
    ],
    [
      { throttleKey: 'k', isThrottled: 1, expiryTimeStamp: 1 },
      'bad-value',
      '$.event.payloadData.isThrottled: expected true or false, got 1',
    ],
    [{ throttleKey: 'k', isThrottled: true }, 'missing-field', '$.event.payloadData.expiryTimeStamp: missing'],
    [
      { throttleKey: 'k', isThrottled: true, expiryTimeStamp: '17e11' },
      'bad-value',
      '$.event.payloadData.expiryTimeStamp: expected epoch milliseconds (a whole number or a string of digits), got "17e11"',
    ],
    [{ throttleKey: 'k', isThrottled: true, expiryTimeStamp: -5 }, 'bad-value', expect.stringContaining('got -5')],
    [{ throttleKey: 'k', isThrottled: true, expiryTimeStamp: 1.5 }, 'bad-value', expect.stringContaining('got 1.5')],
    [
      { throttleKey: 'k', isThrottled: true, expiryTimeStamp: '99999999999999999' },
      'bad-value',
      expect.stringContaining('expiryTimeStamp'),
    ],
    [
      { throttleKey: 'k', isThrottled: true, expiryTimeStamp: 1, evaluatedConditions: [1] },
      'wrong-type',
      '$.event.payloadData.evaluatedConditions: expected a Base64 string, got an array',
    ],
  ])('refuses a decision with %j', (payloadData, code, reason) => {
    expect(decode(envelope(payloadData))).toEqual({ ok: false, code, reason });
  });

  it('quotes long offending values only in part', () => {
    const result = decode(envelope({ throttleKey: 'k', isThrottled: 'x'.repeat(500), expiryTimeStamp: 1 }));
    expect(!result.ok && result.reason.length).toBeLessThan(150);
  });
});

describe('decodeThrottleMessage: blocking conditions', () => {
  const block = (payloadData: Record<string, unknown>) => decode(envelope(payloadData));

  it('reads an IP block whose value is a JSON string', () => {
    expect(
      block({
        blockingCondition: 'IP',
        conditionValue: '{"fixedIp":"192.168.0.17","invert":false}',
        state: 'true',
        id: 4,
        tenantDomain: 'carbon.super',
      }),
    ).toEqual({
      ok: true,
      message: {
        type: 'block',
        conditionType: 'IP',
        conditionValue: '{"fixedIp":"192.168.0.17","invert":false}',
        value: { kind: 'ip', fixedIp: '192.168.0.17', invert: false, text: 'IP 192.168.0.17' },
        active: true,
        id: '4',
        tenantDomain: 'carbon.super',
      },
    });
  });

  it('reads an inverted IP range, and any state but "true" as a removal', () => {
    expect(
      block({
        blockingCondition: 'IPRANGE',
        conditionValue: '{"startingIp":"10.0.0.1","endingIp":"10.0.0.255","invert":true}',
        state: 'false',
      }),
    ).toMatchObject({
      message: {
        value: {
          kind: 'ipRange',
          startingIp: '10.0.0.1',
          endingIp: '10.0.0.255',
          invert: true,
          text: 'every IP outside 10.0.0.1–10.0.0.255',
        },
        active: false,
      },
    });
    expect(block({ blockingCondition: 'API', conditionValue: '/pizzashack/1.0.0', state: 'disabled' })).toMatchObject({
      message: { active: false },
    });
  });

  it.each([
    ['API', '/pizzashack/1.0.0', { kind: 'api', apiContext: '/pizzashack/1.0.0', text: 'API /pizzashack/1.0.0' }],
    [
      'APPLICATION',
      'admin:DefaultApplication',
      {
        kind: 'application',
        subscriber: 'admin',
        appName: 'DefaultApplication',
        text: 'application DefaultApplication of admin',
      },
    ],
    ['USER', 'bob@wso2.com', { kind: 'user', user: 'bob@wso2.com', tenant: 'wso2.com', text: 'user bob@wso2.com' }],
    [
      'SUBSCRIPTION',
      '/pizzashack/1.0.0:1.0.0:admin-DefaultApplication:PRODUCTION',
      {
        kind: 'subscription',
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
        subscriber: 'admin',
        appName: 'DefaultApplication',
        keyType: 'PRODUCTION',
        text: "subscription of admin's DefaultApplication to /pizzashack/1.0.0 1.0.0 (PRODUCTION)",
      },
    ],
    ['APPLICATION', 'no-colon', { kind: 'raw', text: 'application no-colon' }],
    ['SUBSCRIPTION', 'a:b', { kind: 'raw', text: 'subscription a:b' }],
  ])('decodes a %s value', (type, conditionValue, value) => {
    expect(block({ blockingCondition: type, conditionValue, state: 'true' })).toMatchObject({
      ok: true,
      message: { value },
    });
  });

  it('reads a numeric IPv4 (as the Java side stores it) and an object value', () => {
    expect(block({ blockingCondition: 'IP', conditionValue: { fixedIp: 3232235521 }, state: true })).toMatchObject({
      message: {
        value: { fixedIp: '192.168.0.1', invert: false },
        conditionValue: '{"fixedIp":3232235521}',
        active: true,
      },
    });
  });

  it.each([
    [
      { blockingCondition: 'HOST', conditionValue: 'x', state: 'true' },
      'bad-value',
      expect.stringContaining('expected one of API, APPLICATION'),
    ],
    [{ blockingCondition: 'IP', state: 'true' }, 'missing-field', '$.event.payloadData.conditionValue: missing'],
    [{ blockingCondition: 'API', conditionValue: '/a' }, 'missing-field', '$.event.payloadData.state: missing'],
    [
      { blockingCondition: 'IP', conditionValue: 'not json', state: 'true' },
      'not-json',
      expect.stringMatching(/^\$\.event\.payloadData\.conditionValue: not JSON/),
    ],
    [
      { blockingCondition: 'IP', conditionValue: '{"fixedIp":""}', state: 'true' },
      'bad-value',
      expect.stringContaining('conditionValue.fixedIp'),
    ],
    [
      { blockingCondition: 'IPRANGE', conditionValue: '{"startingIp":"1.1.1.1"}', state: 'true' },
      'bad-value',
      expect.stringContaining('endingIp'),
    ],
    [
      { blockingCondition: 'IP', conditionValue: '{"__proto__":{},"fixedIp":"1.1.1.1"}', state: 'true' },
      'forbidden-key',
      expect.stringContaining('__proto__'),
    ],
    [
      { blockingCondition: 'IP', conditionValue: '{"fixedIp":"1.1.1.1","invert":"maybe"}', state: 'true' },
      'bad-value',
      expect.stringContaining('invert'),
    ],
    [
      { blockingCondition: 'API', conditionValue: 5, state: 'true' },
      'wrong-type',
      expect.stringContaining('conditionValue'),
    ],
    [{ blockingCondition: 'API', conditionValue: '/a', state: 1 }, 'wrong-type', expect.stringContaining('state')],
    [
      { blockingCondition: 'API', conditionValue: '/a', state: 'true', id: {} },
      'wrong-type',
      expect.stringContaining('.id'),
    ],
  ])('refuses a block with %j', (payloadData, code, reason) => {
    expect(block(payloadData)).toEqual({ ok: false, code, reason });
  });
});

describe('decodeThrottleMessage: key templates', () => {
  it('reads "add" as adding and anything else as removing', () => {
    expect(decode(envelope({ keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'add' }))).toEqual({
      ok: true,
      message: { type: 'keyTemplate', template: '$userId:$apiContext:$apiVersion', active: true },
    });
    expect(decode(envelope({ keyTemplateValue: '$appId', keyTemplateState: 'remove' }))).toMatchObject({
      message: { active: false },
    });
  });

  it('refuses a template without its state or with an empty value', () => {
    expect(decode(envelope({ keyTemplateValue: '$appId' }))).toEqual({
      ok: false,
      code: 'missing-field',
      reason: '$.event.payloadData.keyTemplateState: missing',
    });
    expect(decode(envelope({ keyTemplateValue: '', keyTemplateState: 'add' }))).toMatchObject({ code: 'bad-value' });
    expect(decode(envelope({ keyTemplateValue: 3, keyTemplateState: 'add' }))).toMatchObject({ code: 'wrong-type' });
  });
});
