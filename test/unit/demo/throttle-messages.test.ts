import { describe, expect, it } from 'vitest';
import { blockRecord } from '../../../electron/demo/engine/deployment';
import { blockingMessage, decisionMessage, keyTemplateMessage } from '../../../electron/demo/engine/throttle-messages';

const payload = (text: string): unknown => (JSON.parse(text) as { event: { payloadData: unknown } }).event.payloadData;

describe('throttleData messages in the WSO2 envelope', () => {
  it('decisions carry the key, the state and the end of the window', () => {
    const text = decisionMessage({
      throttleKey: 'k_condition_0',
      isThrottled: true,
      expiryTimeStamp: 60_000,
      evaluatedConditions: 'W10=',
    });
    expect(JSON.parse(text)).toEqual({
      event: {
        payloadData: {
          throttleKey: 'k_condition_0',
          isThrottled: true,
          expiryTimeStamp: 60_000,
          evaluatedConditions: 'W10=',
        },
      },
    });
  });

  it('blocking messages carry IP values as JSON text and the state as "true"/"false"', () => {
    const record = blockRecord({ conditionType: 'IP', conditionValue: { fixedIp: '1.2.3.4', invert: false } }, 'b7', 1);
    expect(payload(blockingMessage(record, true))).toEqual({
      blockingCondition: 'IP',
      conditionValue: '{"fixedIp":"1.2.3.4","invert":false}',
      state: 'true',
      id: 'b7',
      tenantDomain: 'carbon.super',
    });
    expect(payload(blockingMessage(record, false))).toMatchObject({ state: 'false' });
    const disabled = blockRecord({ conditionType: 'API', conditionValue: '/a/1', conditionStatus: false }, 'b8', 1);
    expect(payload(blockingMessage(disabled, true))).toMatchObject({ conditionValue: '/a/1', state: 'false' });
  });

  it('key templates are added and removed', () => {
    expect(payload(keyTemplateMessage('$userId', true))).toEqual({
      keyTemplateValue: '$userId',
      keyTemplateState: 'add',
    });
    expect(payload(keyTemplateMessage('$userId', false))).toEqual({
      keyTemplateValue: '$userId',
      keyTemplateState: 'remove',
    });
  });
});
