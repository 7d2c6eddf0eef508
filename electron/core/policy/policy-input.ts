import { MAX_BODY_BYTES } from './catalog-file';
import type { PolicyIssue } from './human-issue';
import { tooDeepMessage, tooDeepPath } from './json-depth';
import type { ValidPolicy } from './push-planner';
import { validateAnyPolicy, type PolicyKind } from './policy-validator';

// A policy body as an operator hands it in (editor, file, command line), made ready to keep or
// push: size-capped, validated with paths, unwrapped from an export file, and a blocking
// condition given an id when it has none (a TM keys blocking conditions by id).

export type AcceptResult = { ok: true; valid: ValidPolicy } | { ok: false; errors: PolicyIssue[] };

export function acceptPolicy(body: unknown, kind: PolicyKind | undefined, newId: () => string): AcceptResult {
  // Before measuring: serializing a body nested too deep would overflow the stack.
  const deep = tooDeepPath(body);
  if (deep !== undefined) return { ok: false, errors: [{ path: deep, message: tooDeepMessage() }] };
  const bytes = Buffer.byteLength(JSON.stringify(body) ?? '');
  if (bytes > MAX_BODY_BYTES)
    return {
      ok: false,
      errors: [{ path: '(root)', message: `is ${bytes} bytes; a policy may have at most ${MAX_BODY_BYTES}` }],
    };
  const result = validateAnyPolicy(body, kind);
  if (!result.ok) return result;
  if (result.kind === 'blocking') {
    const condition = result.policy as Record<string, unknown>;
    if (condition.conditionId === undefined || condition.conditionId === null)
      return { ok: true, valid: { kind: 'blocking', policy: { ...result.policy, conditionId: newId() } } };
  }
  return { ok: true, valid: { kind: result.kind, policy: result.policy } };
}
