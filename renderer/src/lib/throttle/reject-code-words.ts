import type { RejectCode } from '../../../../electron/core/throttle/rejection';

const WORDS: Record<RejectCode, string> = {
  'too-large': 'too large',
  empty: 'empty',
  'not-utf8': 'not UTF-8 text',
  'not-json': 'not JSON',
  'too-deep': 'nested too deep',
  'forbidden-key': 'forbidden key (__proto__, constructor)',
  'not-object': 'not a JSON object',
  'unknown-kind': 'neither decision, blocking condition nor key template',
  'missing-field': 'a field is missing',
  'wrong-type': 'a field has the wrong type',
  'bad-value': 'a field has a bad value',
  'too-many-brokers': 'too many brokers',
};

/** A rejection category as a short phrase for the counts table. */
export function rejectCodeWords(code: RejectCode): string {
  return WORDS[code];
}
