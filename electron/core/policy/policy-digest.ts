import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace, so two bodies that differ only
 * in key order or formatting have the same text. Undefined members are dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/** A policy's digest: hex SHA-256 of its canonical JSON. Stable across key order and formatting. */
export function policyDigest(policy: unknown): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}
