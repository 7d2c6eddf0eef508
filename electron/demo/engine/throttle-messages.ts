import { ipValueObject } from '../../core/policy/blocking-schema';
import type { BlockRecord } from './deployment';
import type { Decision } from './throttle-engine';

// What a traffic manager publishes on `throttleData`, in WSO2's envelope
// `{"event":{"payloadData":{…}}}`; gateways branch on which key payloadData holds.

function envelope(payloadData: Record<string, unknown>): string {
  return JSON.stringify({ event: { payloadData } });
}

export function decisionMessage(decision: Decision): string {
  return envelope({ ...decision });
}

/** The block's value as gateways receive it: IP values as JSON text. */
export function blockValueText(record: BlockRecord): string {
  const { conditionType, conditionValue } = record.condition;
  if (conditionType !== 'IP' && conditionType !== 'IPRANGE') return String(conditionValue);
  return typeof conditionValue === 'string' ? conditionValue : JSON.stringify(ipValueObject(conditionValue) ?? {});
}

/** Adds (`active`) or removes a blocking condition at the gateways. */
export function blockingMessage(record: BlockRecord, active: boolean): string {
  return envelope({
    blockingCondition: record.condition.conditionType,
    conditionValue: blockValueText(record),
    state: String(active && record.condition.conditionStatus !== false),
    id: record.conditionId,
    tenantDomain: 'carbon.super',
  });
}

export function keyTemplateMessage(keyTemplate: string, add: boolean): string {
  return envelope({ keyTemplateValue: keyTemplate, keyTemplateState: add ? 'add' : 'remove' });
}
