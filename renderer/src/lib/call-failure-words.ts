import type { CallError } from '../../../electron/core/host/call-result';

/** A call that produced no answer, in words: what was not done, and what to do about it. */
export function callFailureWords(what: string, error: CallError): string {
  return error.code === 'transport-failed'
    ? `${what} was not sent: ${error.message} The console reconnects by itself; try again once it is back.`
    : `${what} failed: ${error.message}`;
}
