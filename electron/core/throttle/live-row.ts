import type { BrokerBits } from './broker-bits';
import type { BlockMessage, KeyTemplateMessage } from './message-types';
import type { BlockRow, KeyTemplateRow, LiveRow } from './delta-types';
import type { KeyState } from './key-state';
import type { DisagreementKind } from './change-records';

/** The UI's view of a key's state (built only when a delta or snapshot needs it). */
export function toLiveRow(state: KeyState, brokers: BrokerBits): LiveRow {
  const disagreement: { broker: string; kind: DisagreementKind }[] = [];
  brokers.eachBit(state.missingMask, (_bit, broker) => disagreement.push({ broker, kind: 'missing' }));
  brokers.eachBit(state.oppositeMask, (_bit, broker) => disagreement.push({ broker, kind: 'opposite' }));
  return {
    key: state.key,
    level: state.level,
    parts: state.parts,
    isThrottled: state.isThrottled,
    expiryTimeStamp: state.expiry,
    conditions: state.conditions,
    firstSeen: state.firstSeen,
    lastChange: state.lastChange,
    reportedBy: brokers.idsOf(state.reportedMask),
    skewMs: state.lastArrival - state.firstArrival,
    disagreement,
  };
}

export function toBlockRow(
  id: string,
  entry: { message: BlockMessage; activeMask: number; since: number },
  brokers: BrokerBits,
): BlockRow {
  const { message } = entry;
  return {
    id,
    conditionType: message.conditionType,
    conditionValue: message.conditionValue,
    value: message.value,
    conditionId: message.id,
    tenantDomain: message.tenantDomain,
    reportedBy: brokers.idsOf(entry.activeMask),
    since: entry.since,
  };
}

export function toKeyTemplateRow(
  entry: { message: KeyTemplateMessage; activeMask: number; since: number },
  brokers: BrokerBits,
): KeyTemplateRow {
  return { template: entry.message.template, reportedBy: brokers.idsOf(entry.activeMask), since: entry.since };
}
