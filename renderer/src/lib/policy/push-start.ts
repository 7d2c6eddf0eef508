import type { CallIssue, CallResult } from '../../../../electron/core/host/call-result';
import type { PushStartResult } from '../../../../electron/core/host/policy-contract';
import { callFailureWords } from '../call-failure-words';

/**
 * How a push, undeploy, block or counter reset started: its push id to follow (the push may still
 * have failed at once), or why it did not start, with errors by path when the body was at fault.
 */
export interface StartOutcome {
  pushId: string | null;
  message: string;
  errors: CallIssue[];
}

export function startOutcome(what: string, result: CallResult<PushStartResult>): StartOutcome {
  if (!result.ok) return { pushId: null, message: callFailureWords(what, result.error), errors: [] };
  const start = result.value;
  return { pushId: start.started ? start.pushId : null, message: start.message, errors: start.errors };
}
