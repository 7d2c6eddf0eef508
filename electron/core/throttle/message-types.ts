// What the decoder makes of a `throttleData` message (reference/wso2-throttling.md, section 1).

export const KEY_LEVELS = ['application', 'subscription', 'api', 'resource', 'custom'] as const;

export type KeyLevel = (typeof KEY_LEVELS)[number];

/** The pieces a throttle key is made of; only those its format carries are present. */
export interface KeyParts {
  appId?: string;
  /** As the key holds it, tenant-qualified when the key is (`admin@carbon.super`). */
  user?: string;
  tenant?: string;
  apiContext?: string;
  apiVersion?: string;
  /** The URI template of a resource key (`/menu`). */
  resource?: string;
  verb?: string;
  tier?: string;
  /** `"default"` for `_default` keys, else the condition group id of `_condition_{id}`. */
  conditionGroup?: string;
  /** API and resource keys: true when the key is per user (`_{user}` before the group suffix). */
  perUser?: boolean;
  /** Custom keys built from a template holding `$clientIp`. */
  clientIp?: string;
}

export interface KeyInfo {
  level: KeyLevel;
  parts: KeyParts;
}

export interface DecisionMessage {
  type: 'decision';
  key: string;
  isThrottled: boolean;
  /** Epoch ms: the end of the window the decision is about. */
  expiryTimeStamp: number;
  /** Base64 JSON as received; decoded by `decodeConditions` only when needed. */
  evaluatedConditions: string | undefined;
}

export const BLOCK_TYPES = ['API', 'APPLICATION', 'USER', 'IP', 'IPRANGE', 'SUBSCRIPTION'] as const;

export type BlockType = (typeof BLOCK_TYPES)[number];

/** A blocking condition's value, decoded per type; `text` is the sentence a view shows. */
export type BlockValue =
  | { kind: 'ip'; fixedIp: string; invert: boolean; text: string }
  | { kind: 'ipRange'; startingIp: string; endingIp: string; invert: boolean; text: string }
  | { kind: 'api'; apiContext: string; text: string }
  | { kind: 'application'; subscriber: string; appName: string; text: string }
  | { kind: 'user'; user: string; tenant: string | undefined; text: string }
  | {
      kind: 'subscription';
      apiContext: string;
      apiVersion: string;
      subscriber: string;
      appName: string;
      keyType: string;
      text: string;
    }
  /** A value whose shape does not follow its type's format: kept as sent. */
  | { kind: 'raw'; text: string };

export interface BlockMessage {
  type: 'block';
  conditionType: BlockType;
  /** As sent; for IP types the JSON string. */
  conditionValue: string;
  value: BlockValue;
  /** `state` was "true": the condition is added or enabled; otherwise it is removed. */
  active: boolean;
  id: string | undefined;
  tenantDomain: string | undefined;
}

export interface KeyTemplateMessage {
  type: 'keyTemplate';
  template: string;
  /** `keyTemplateState` was "add"; otherwise the template is removed. */
  active: boolean;
}

export type ThrottleMessage = DecisionMessage | BlockMessage | KeyTemplateMessage;

/** One decoded entry of `evaluatedConditions`; `text` reads like "header x-tier = free". */
export type ThrottleCondition =
  | {
      kind: 'header' | 'queryParameter' | 'jwtClaim';
      invert: boolean;
      values: { name: string; value: string }[];
      text: string;
    }
  | { kind: 'ipSpecific'; invert: boolean; ip: string; text: string }
  | { kind: 'ipRange'; invert: boolean; startingIp: string; endingIp: string; text: string }
  /** The conditions could not be read; the decision itself is kept. `text` says why. */
  | { kind: 'unreadable'; invert: false; text: string };
