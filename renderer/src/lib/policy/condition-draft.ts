import { dropMember, isJsonObject, objectAt, putFlag, putText, textOf, type JsonObject } from './body-fields';
import { child, type FieldPath } from './field-path';

// A condition of an advanced policy's conditional group on the form. Its values live in the
// object its `type` names (headerCondition, ipCondition…); the draft keeps every type's values
// so switching the type back and forth loses nothing typed.

/** The condition types of the core's schema (condition-schema.ts, which the page cannot import: it needs Node's net). */
export type ConditionType = 'HEADERCONDITION' | 'IPCONDITION' | 'JWTCLAIMSCONDITION' | 'QUERYPARAMETERCONDITION';

export const CONDITION_TYPES = [
  { value: 'HEADERCONDITION', label: 'Header' },
  { value: 'QUERYPARAMETERCONDITION', label: 'Query parameter' },
  { value: 'JWTCLAIMSCONDITION', label: 'JWT claim' },
  { value: 'IPCONDITION', label: 'IP address' },
] as const satisfies readonly { value: ConditionType; label: string }[];

export type IpConditionType = 'IPSPECIFIC' | 'IPRANGE';

const OBJECT: Record<ConditionType, string> = {
  HEADERCONDITION: 'headerCondition',
  IPCONDITION: 'ipCondition',
  JWTCLAIMSCONDITION: 'jwtClaimsCondition',
  QUERYPARAMETERCONDITION: 'queryParameterCondition',
};

const VALUE_NAMES = [
  'headerName',
  'headerValue',
  'parameterName',
  'parameterValue',
  'claimUrl',
  'attribute',
  'specificIP',
  'startingIP',
  'endingIP',
] as const;
export type ValueName = (typeof VALUE_NAMES)[number];

export interface ValueField {
  field: ValueName;
  label: string;
  placeholder: string;
}

const VALUE_FIELDS: Record<Exclude<ConditionType, 'IPCONDITION'>, ValueField[]> = {
  HEADERCONDITION: [
    { field: 'headerName', label: 'Header name', placeholder: 'x-tier' },
    { field: 'headerValue', label: 'Header value', placeholder: 'free' },
  ],
  QUERYPARAMETERCONDITION: [
    { field: 'parameterName', label: 'Parameter name', placeholder: 'tier' },
    { field: 'parameterValue', label: 'Parameter value', placeholder: 'free' },
  ],
  JWTCLAIMSCONDITION: [
    { field: 'claimUrl', label: 'Claim URL', placeholder: 'http://wso2.org/claims/role' },
    { field: 'attribute', label: 'Attribute', placeholder: 'admin' },
  ],
};
const IP_FIELDS: Record<IpConditionType, ValueField[]> = {
  IPSPECIFIC: [{ field: 'specificIP', label: 'IP address', placeholder: '192.168.0.17' }],
  IPRANGE: [
    { field: 'startingIP', label: 'Starting IP', placeholder: '10.0.0.1' },
    { field: 'endingIP', label: 'Ending IP', placeholder: '10.0.0.255' },
  ],
};

export interface ConditionDraft {
  key: number;
  type: ConditionType;
  invert: boolean;
  ipConditionType: IpConditionType;
  /** Every type's values by field name: headerName, specificIP, claimUrl… */
  values: Record<ValueName, string>;
  base: JsonObject;
}

export function conditionDraft(value: unknown, key: number): ConditionDraft {
  const base = isJsonObject(value) ? value : {};
  const type = CONDITION_TYPES.find((t) => t.value === base.type)?.value ?? 'HEADERCONDITION';
  const inner = objectAt(base, OBJECT[type]);
  const values = Object.fromEntries(VALUE_NAMES.map((name) => [name, textOf(inner[name])])) as Record<
    ValueName,
    string
  >;
  return {
    key,
    type,
    invert: base.invertCondition === true,
    ipConditionType: inner.ipConditionType === 'IPRANGE' ? 'IPRANGE' : 'IPSPECIFIC',
    values,
    base,
  };
}

export function newCondition(key: number, type: ConditionType = 'HEADERCONDITION'): ConditionDraft {
  return conditionDraft({ type, invertCondition: false }, key);
}

/** The value fields the condition shows for its type. */
export function valueFields(draft: Pick<ConditionDraft, 'type' | 'ipConditionType'>): ValueField[] {
  return draft.type === 'IPCONDITION' ? IP_FIELDS[draft.ipConditionType] : VALUE_FIELDS[draft.type];
}

export function conditionPaths(at: FieldPath, draft: ConditionDraft) {
  const inner = child(at, OBJECT[draft.type]);
  return {
    whole: at,
    type: child(at, 'type'),
    invert: child(at, 'invertCondition'),
    inner,
    ipConditionType: child(inner, 'ipConditionType'),
    values: valueFields(draft).map((field) => ({ ...field, path: child(inner, field.field) })),
  };
}

export function conditionBody(draft: ConditionDraft): JsonObject {
  const out: JsonObject = { ...draft.base, type: draft.type };
  putFlag(out, draft.base, 'invertCondition', draft.invert);
  for (const [type, field] of Object.entries(OBJECT)) {
    if (type !== draft.type && out[field] !== null && out[field] !== undefined) dropMember(out, field);
  }
  const baseInner = draft.base.type === draft.type ? objectAt(draft.base, OBJECT[draft.type]) : {};
  const inner: JsonObject = { ...baseInner };
  const shown = valueFields(draft).map((f) => f.field);
  if (draft.type === 'IPCONDITION') {
    inner.ipConditionType = draft.ipConditionType;
    for (const hidden of IP_FIELDS[draft.ipConditionType === 'IPRANGE' ? 'IPSPECIFIC' : 'IPRANGE'])
      if (inner[hidden.field] !== null) dropMember(inner, hidden.field);
  }
  for (const name of shown) putText(inner, baseInner, name, draft.values[name]);
  out[OBJECT[draft.type]] = inner;
  return out;
}
