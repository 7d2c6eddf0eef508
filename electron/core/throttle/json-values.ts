// Small readers for values that came out of JSON.parse.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A boolean sent as one, or as the string "true"/"false" (any case, as the Java side reads it). */
export function readBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** IPv4 addresses may travel as their 32-bit number (the Java side stores them as longs). */
export function readIp(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 && value.length <= 64 ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    if (value > 0xffffffff) return String(value);
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
  }
  return undefined;
}
