import type { DataUnit, LimitType, TimeUnit } from '../../../../electron/core/policy/limit-schema';
import { dropMember, isJsonObject, objectAt, putMember, type JsonObject } from './body-fields';
import { child, type FieldPath } from './field-path';
import { numberText, type NumberReader } from './number-text';

// A throttle limit on the form: one amount, its unit time and time unit, whatever the type; the
// body holds them in the object its `type` names (requestCount, bandwidth or eventCount).

export const LIMIT_TYPES = [
  { value: 'REQUESTCOUNTLIMIT', label: 'Request count' },
  { value: 'BANDWIDTHLIMIT', label: 'Bandwidth' },
  { value: 'EVENTCOUNTLIMIT', label: 'Event count' },
] as const satisfies readonly { value: LimitType; label: string }[];

export const TIME_UNITS = ['sec', 'min', 'hour', 'day', 'month', 'year'] as const satisfies readonly TimeUnit[];
export const DATA_UNITS = ['KB', 'MB', 'GB'] as const satisfies readonly DataUnit[];

const OBJECT: Record<LimitType, string> = {
  REQUESTCOUNTLIMIT: 'requestCount',
  BANDWIDTHLIMIT: 'bandwidth',
  EVENTCOUNTLIMIT: 'eventCount',
};
const AMOUNT: Record<LimitType, { field: string; label: string }> = {
  REQUESTCOUNTLIMIT: { field: 'requestCount', label: 'Requests' },
  BANDWIDTHLIMIT: { field: 'dataAmount', label: 'Data amount' },
  EVENTCOUNTLIMIT: { field: 'eventCount', label: 'Events' },
};

export interface LimitDraft {
  type: LimitType;
  amount: string;
  dataUnit: DataUnit;
  unitTime: string;
  timeUnit: TimeUnit;
  /** The limit as it came, for the members the form does not show. */
  base: JsonObject;
}

const oneOf = <T extends string>(options: readonly T[], value: unknown, fallback: T): T =>
  options.find((option) => option === value) ?? fallback;

export function limitDraft(value: unknown): LimitDraft {
  const base = isJsonObject(value) ? value : {};
  const type = oneOf(
    LIMIT_TYPES.map((t) => t.value),
    base.type,
    'REQUESTCOUNTLIMIT',
  );
  const inner = objectAt(base, OBJECT[type]);
  return {
    type,
    amount: numberText(inner[AMOUNT[type].field]),
    dataUnit: oneOf(DATA_UNITS, inner.dataUnit, 'MB'),
    unitTime: numberText(inner.unitTime),
    timeUnit: oneOf(TIME_UNITS, inner.timeUnit, 'min'),
    base,
  };
}

export function amountLabel(type: LimitType): string {
  return AMOUNT[type].label;
}

/** The paths of a limit's fields for its current type. */
export function limitPaths(at: FieldPath, draft: LimitDraft) {
  const inner = child(at, OBJECT[draft.type]);
  return {
    whole: at,
    type: child(at, 'type'),
    inner,
    amount: child(inner, AMOUNT[draft.type].field),
    dataUnit: child(inner, 'dataUnit'),
    unitTime: child(inner, 'unitTime'),
    timeUnit: child(inner, 'timeUnit'),
  };
}

/** The limit's body: its type's object filled in, the other types' objects gone unless null. */
export function limitBody(draft: LimitDraft, at: FieldPath, numbers: NumberReader): JsonObject {
  const paths = limitPaths(at, draft);
  const out: JsonObject = { ...draft.base, type: draft.type };
  for (const [type, field] of Object.entries(OBJECT)) {
    if (type !== draft.type && out[field] !== null && out[field] !== undefined) dropMember(out, field);
  }
  const field = OBJECT[draft.type];
  const baseInner = draft.base.type === draft.type ? objectAt(draft.base, field) : {};
  const inner: JsonObject = { ...baseInner, timeUnit: draft.timeUnit };
  putMember(inner, baseInner, 'unitTime', numbers.read(draft.unitTime, paths.unitTime.name));
  putMember(inner, baseInner, AMOUNT[draft.type].field, numbers.read(draft.amount, paths.amount.name));
  if (draft.type === 'BANDWIDTHLIMIT') inner.dataUnit = draft.dataUnit;
  out[field] = inner;
  return out;
}
