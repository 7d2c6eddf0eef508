export type JsonPayloadResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses an MQTT payload as UTF-8 JSON, refusing anything over `maxBytes`. Never throws. */
export function parseJsonPayload(payload: Uint8Array | string, maxBytes: number): JsonPayloadResult {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > maxBytes) return { ok: false, reason: `payload of ${size} bytes is over the ${maxBytes}-byte limit` };
  const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
