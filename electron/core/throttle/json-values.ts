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

const DECIMAL = /^\d{1,39}$/;

/**
 * An IP address as text. Addresses may travel as numbers, as the Java side stores them: IPv4 as
 * a JSON number, IPv6 (too big for one) as decimal text. Both are shown in the usual notation.
 */
export function readIp(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 && value <= 0xffffffff ? ipv4Text(value) : undefined;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined;
  if (!DECIMAL.test(value)) return value;
  const number = BigInt(value);
  if (number <= 0xffffffffn) return ipv4Text(Number(number));
  return number < 1n << 128n ? ipv6Text(number) : value;
}

function ipv4Text(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as "::". */
function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
