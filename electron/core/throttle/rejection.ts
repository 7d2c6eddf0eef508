/** Every code, for schemas of the contract (`z.enum(REJECT_CODES)`) and for listing counts. */
export const REJECT_CODES = [
  'too-large',
  'empty',
  'not-utf8',
  'not-json',
  'too-deep',
  'forbidden-key',
  'not-object',
  'unknown-kind',
  'missing-field',
  'wrong-type',
  'bad-value',
  'too-many-brokers',
] as const;

/**
 * Why a payload was refused. `code` is a fixed category (counted per broker); `reason` is the
 * human sentence with the JSON path, which may quote the offending value and so is never a map key.
 */
export type RejectCode = (typeof REJECT_CODES)[number];

export interface Rejection {
  ok: false;
  code: RejectCode;
  reason: string;
}

export function reject(code: RejectCode, reason: string): Rejection {
  return { ok: false, code, reason };
}

/** A value as it may appear inside a reason: short, and never the whole of a large input. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  else if (value === null) text = 'null';
  else if (Array.isArray(value)) text = 'an array';
  else if (typeof value === 'object') text = 'an object';
  else text = String(value);
  return text;
}

export interface RejectionSample {
  at: number;
  broker: string;
  code: RejectCode;
  reason: string;
  /** Size of the refused payload. */
  bytes: number;
  /** Its first characters, for a look at what was sent. */
  excerpt: string;
}

export interface RejectionCount {
  broker: string;
  code: RejectCode;
  count: number;
}
