import { z } from 'zod';
import { humanError, toPolicyIssues } from '../../core/policy/human-issue';
import { ipv4FromNumber, parseIp, type IpAddress } from '../../core/policy/ip-address';
import { parseJsonPayload } from '../../core/policy/json-payload';

// A gateway's request event on `tmc/requests`: the seventeen fields of WSO2's request stream.
// `properties` is one flat map, as WSO2 builds it: `ip` (IPv4 as a number) or `ipv6`,
// `messageSize` in bytes, and the headers, query parameters and JWT claims that conditions test.

export const REQUEST_FIELDS = [
  'messageID',
  'appKey',
  'appTier',
  'apiKey',
  'apiTier',
  'subscriptionKey',
  'subscriptionTier',
  'resourceKey',
  'resourceTier',
  'userId',
  'apiContext',
  'apiVersion',
  'appTenant',
  'apiTenant',
  'appId',
  'apiName',
  'properties',
] as const;

export const MAX_REQUEST_BYTES = 64 * 1024;

export type PropertyValue = string | number | boolean;
export type RequestProperties = Record<string, PropertyValue>;

// WSO2 sends every field as a string, `properties` included (JSON text); an object is accepted too.
const PropertiesSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const json = parseJsonPayload(value, MAX_REQUEST_BYTES);
    return json.ok ? json.value : value;
  },
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'must be an object (or its JSON text) of text, number or true/false values'
        : undefined,
  }),
);

const text = z.string();
export const RequestEventSchema = z.object({
  messageID: text,
  appKey: text,
  appTier: text,
  apiKey: text,
  apiTier: text,
  subscriptionKey: text,
  subscriptionTier: text,
  resourceKey: text,
  resourceTier: text,
  userId: text,
  apiContext: text,
  apiVersion: text,
  appTenant: text,
  apiTenant: text,
  appId: text,
  apiName: text,
  properties: PropertiesSchema,
});

export type RequestEvent = z.output<typeof RequestEventSchema>;

/** A request with what conditions and limits read from it worked out once. */
export interface EvaluableRequest {
  event: RequestEvent;
  ip: IpAddress | undefined;
  messageSize: number;
  /** Header lookup ignores case, as HTTP does. */
  header(name: string): string | undefined;
  /** Query parameters and JWT claims: exact names. */
  property(name: string): string | undefined;
}

function clientIp(properties: RequestProperties): IpAddress | undefined {
  const { ip, ipv6 } = properties;
  const v4 =
    typeof ip === 'number' || (typeof ip === 'string' && /^\d+$/.test(ip))
      ? ipv4FromNumber(Number(ip))
      : typeof ip === 'string'
        ? parseIp(ip)
        : undefined;
  if (v4 || typeof ipv6 !== 'string') return v4;
  return /^\d+$/.test(ipv6) ? { family: 6, value: BigInt(ipv6) } : parseIp(ipv6);
}

export function evaluable(event: RequestEvent): EvaluableRequest {
  const { properties } = event;
  let lowered: Map<string, string> | undefined;
  const size = Number(properties.messageSize ?? 0);
  return {
    event,
    ip: clientIp(properties),
    messageSize: Number.isFinite(size) && size > 0 ? size : 0,
    header(name) {
      lowered ??= new Map(Object.entries(properties).map(([key, value]) => [key.toLowerCase(), String(value)]));
      return lowered.get(name.toLowerCase());
    },
    property(name) {
      const value = properties[name];
      return value === undefined ? undefined : String(value);
    },
  };
}

export type RequestDecodeResult = { ok: true; request: EvaluableRequest } | { ok: false; reason: string };

/** Decodes a `tmc/requests` payload. Never throws; the reason names the field. */
export function decodeRequestEvent(payload: Uint8Array | string): RequestDecodeResult {
  const json = parseJsonPayload(payload, MAX_REQUEST_BYTES);
  if (!json.ok) return { ok: false, reason: json.reason };
  const result = RequestEventSchema.safeParse(json.value, { error: humanError });
  if (!result.success) {
    const [first] = toPolicyIssues(result.error);
    return { ok: false, reason: first ? `${first.path}: ${first.message}` : 'invalid request event' };
  }
  return { ok: true, request: evaluable(result.data) };
}
