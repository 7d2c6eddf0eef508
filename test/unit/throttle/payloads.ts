// Real-world shaped throttleData payloads for the throttle tests.

export const T0 = Date.UTC(2026, 4, 12, 9, 30, 0);
export const WINDOW_END = T0 + 30_000;

export function envelope(payloadData: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ event: { payloadData } }));
}

export function decision(
  key: string,
  isThrottled: boolean | string,
  expiry: number | string = WINDOW_END,
  evaluatedConditions?: string,
): Buffer {
  const payloadData: Record<string, unknown> = { throttleKey: key, isThrottled, expiryTimeStamp: expiry };
  if (evaluatedConditions !== undefined) payloadData.evaluatedConditions = evaluatedConditions;
  return envelope(payloadData);
}

export function base64(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64');
}

export const FREE_TIER = base64([{ header: { values: { 'x-tier': 'free' }, invert: false } }]);
