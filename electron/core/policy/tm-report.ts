import type { z } from 'zod';
import { AckSchema, TmStateSchema, type Ack, type TmState } from './control-message';
import { humanError, toPolicyIssues } from './human-issue';
import { parseJsonPayload } from './json-payload';

// What traffic managers send back to the console: acknowledgements and retained state. Both are
// input from the network: decoded with a size cap, validated, never thrown.

export const MAX_ACK_BYTES = 64 * 1024;
/** A TM with thousands of policies and blocks stays well under this. */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

function decode<T>(payload: Uint8Array | string, maxBytes: number, schema: z.ZodType<T>): Decoded<T> {
  const json = parseJsonPayload(payload, maxBytes);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value, { error: humanError });
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = toPolicyIssues(parsed.error).slice(0, 3);
  return { ok: false, reason: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') };
}

export function decodeAck(payload: Uint8Array | string): Decoded<Ack> {
  return decode(payload, MAX_ACK_BYTES, AckSchema);
}

export function decodeTmState(payload: Uint8Array | string): Decoded<TmState> {
  return decode(payload, MAX_STATE_BYTES, TmStateSchema);
}
