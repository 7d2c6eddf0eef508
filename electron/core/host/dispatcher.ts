import { contract, type CallHandlers } from './contract';
import { isCallName } from './contract-names';
import { callFailed, issuesOf, type CallResult } from './call-result';

export type Dispatch = (name: string, payload: unknown) => Promise<CallResult<unknown>>;

/**
 * Validates a call against the contract, runs its handler and validates the answer. Never
 * throws: every failure becomes an error result the transport can pass back as it is.
 */
export function createDispatcher(handlers: CallHandlers): Dispatch {
  return async (name, payload) => {
    if (!isCallName(name)) {
      return callFailed('unknown-call', `There is no call named "${String(name)}".`);
    }
    const spec = contract.calls[name];
    const request = spec.request.safeParse(payload);
    if (!request.success) {
      return callFailed('invalid-request', `The request for "${name}" is not valid.`, issuesOf(request.error));
    }
    let value: unknown;
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      value = await handler(request.data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return callFailed('handler-failed', `"${name}" failed: ${reason}`);
    }
    const response = spec.response.safeParse(value);
    if (!response.success) {
      return callFailed(
        'invalid-response',
        `"${name}" produced an answer outside the contract.`,
        issuesOf(response.error),
      );
    }
    return { ok: true, value: response.data };
  };
}
