import type { BlockType, BlockValue, KeyLevel, KeyParts, ThrottleCondition } from './message-types';
import type { RejectCode } from './rejection';

// The merged changes, one object each, in the shape `tmc watch --json` prints. `tmc decode`
// prints the same shapes without the broker fields (reportedBy, receivedAt, skewMs, broker).

export interface DecisionFields {
  type: 'decision';
  key: string;
  level: KeyLevel;
  parts: KeyParts;
  isThrottled: boolean;
  expiryTimeStamp: number;
  conditions: readonly ThrottleCondition[];
}

/** One version of a key, once: when every expected broker reported it or the grace window ended. */
export interface DecisionRecord extends DecisionFields {
  reportedBy: string[];
  /** First arrival, epoch ms. */
  receivedAt: number;
  /** Last confirmation minus first arrival. */
  skewMs: number;
}

export interface BlockFields {
  type: 'block';
  conditionType: BlockType;
  conditionValue: string;
  value: BlockValue;
  active: boolean;
  id: string | undefined;
  tenantDomain: string | undefined;
}

/** A blocking condition became active (its first broker) or inactive (its last broker removed it). */
export interface BlockRecord extends BlockFields {
  reportedBy: string[];
  receivedAt: number;
}

export interface KeyTemplateFields {
  type: 'keyTemplate';
  template: string;
  active: boolean;
}

export interface KeyTemplateRecord extends KeyTemplateFields {
  reportedBy: string[];
  receivedAt: number;
}

export interface RejectedRecord {
  type: 'rejected';
  broker: string;
  code: RejectCode;
  reason: string;
  receivedAt: number;
}

export type DisagreementKind = 'missing' | 'opposite';

/**
 * A broker disagrees on a key: it did not report a version the others reported within the grace
 * window (`missing`), or reported the opposite state for the same window. `resolved` is true when
 * a `missing` broker's report arrived after all.
 */
export interface DisagreementRecord {
  type: 'disagreement';
  key: string;
  level: KeyLevel;
  broker: string;
  kind: DisagreementKind;
  resolved: boolean;
  isThrottled: boolean;
  expiryTimeStamp: number;
  reportedBy: string[];
  at: number;
}

export type ChangeRecord = DecisionRecord | BlockRecord | KeyTemplateRecord | RejectedRecord | DisagreementRecord;

/** What `tmc decode` prints per line. */
export type DecodedRecord =
  DecisionFields | BlockFields | KeyTemplateFields | { type: 'rejected'; code: RejectCode; reason: string };
