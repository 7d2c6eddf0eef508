import type { z } from 'zod';

/** Why a call did not produce a value. Transports pass these through unchanged. */
export type CallErrorCode =
  'unknown-call' | 'invalid-request' | 'invalid-response' | 'handler-failed' | 'forbidden' | 'transport-failed';

export interface CallIssue {
  /** Dotted path into the payload, "" for the payload itself. */
  path: string;
  message: string;
}

export interface CallError {
  code: CallErrorCode;
  message: string;
  issues?: CallIssue[];
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

export function callFailed(
  code: CallErrorCode,
  message: string,
  issues?: CallIssue[],
): { ok: false; error: CallError } {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

export function issuesOf(error: z.ZodError): CallIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
