import type { JsonObject } from './body-fields';

// A blocking (deny) condition on the form: its type decides what the value is. IP types carry
// an object with an invert flag; the others one text in the format the gateway matches.

/** The types of the core's blocking-schema.ts, which the page cannot import (it needs Node's net). */
export type BlockingType = 'API' | 'APPLICATION' | 'IP' | 'IPRANGE' | 'USER' | 'SUBSCRIPTION';

export interface BlockTypeInfo {
  value: BlockingType;
  label: string;
  hint: string;
  placeholder: string;
}

export const BLOCK_TYPES = [
  { value: 'API', label: 'API', hint: 'The API context, starting with "/".', placeholder: '/pizzashack/1.0.0' },
  {
    value: 'APPLICATION',
    label: 'Application',
    hint: 'The subscriber and the application name: {subscriber}:{application}.',
    placeholder: 'admin:PizzaApp',
  },
  { value: 'IP', label: 'IP address', hint: 'One IPv4 or IPv6 address.', placeholder: '192.168.0.17' },
  { value: 'IPRANGE', label: 'IP range', hint: 'From the starting to the ending address.', placeholder: '10.0.0.1' },
  { value: 'USER', label: 'User', hint: 'A tenant-qualified user name.', placeholder: 'mallory@carbon.super' },
  {
    value: 'SUBSCRIPTION',
    label: 'Subscription',
    hint: '{apiContext}:{apiVersion}:{subscriber}-{application}:{PRODUCTION|SANDBOX}.',
    placeholder: '/pizzashack/1.0.0:1.0.0:admin-PizzaApp:PRODUCTION',
  },
] as const satisfies readonly BlockTypeInfo[];

export interface BlockDraft {
  type: BlockingType;
  /** The value of the types that take text. */
  value: string;
  fixedIp: string;
  startingIp: string;
  endingIp: string;
  invert: boolean;
  /** Optional: the console makes one when empty. */
  conditionId: string;
  enabled: boolean;
}

export function emptyBlockDraft(): BlockDraft {
  return {
    type: 'IP',
    value: '',
    fixedIp: '',
    startingIp: '',
    endingIp: '',
    invert: false,
    conditionId: '',
    enabled: true,
  };
}

export function isIpType(type: BlockingType): boolean {
  return type === 'IP' || type === 'IPRANGE';
}

/** The value fields of the draft's type: their body path, draft member and label. */
export type BlockValueMember = 'value' | 'fixedIp' | 'startingIp' | 'endingIp';

export function blockValueFields(type: BlockingType): { path: string; member: BlockValueMember; label: string }[] {
  if (type === 'IP') return [{ path: 'conditionValue.fixedIp', member: 'fixedIp', label: 'IP address' }];
  if (type === 'IPRANGE')
    return [
      { path: 'conditionValue.startingIp', member: 'startingIp', label: 'Starting IP' },
      { path: 'conditionValue.endingIp', member: 'endingIp', label: 'Ending IP' },
    ];
  return [{ path: 'conditionValue', member: 'value', label: 'Value' }];
}

/** Paths the form shows errors under, for the draft's type. */
export function blockFieldPaths(type: BlockingType): Set<string> {
  const paths = ['conditionId', 'conditionType', 'conditionStatus', 'conditionValue'];
  paths.push(...blockValueFields(type).map((f) => f.path));
  if (isIpType(type)) paths.push('conditionValue.invert');
  return new Set(paths);
}

export function blockBody(draft: BlockDraft): JsonObject {
  const conditionValue =
    draft.type === 'IP'
      ? { fixedIp: draft.fixedIp.trim(), invert: draft.invert }
      : draft.type === 'IPRANGE'
        ? { startingIp: draft.startingIp.trim(), endingIp: draft.endingIp.trim(), invert: draft.invert }
        : draft.value.trim();
  const body: JsonObject = { conditionType: draft.type, conditionValue, conditionStatus: draft.enabled };
  const id = draft.conditionId.trim();
  if (id !== '') body.conditionId = id;
  return body;
}
