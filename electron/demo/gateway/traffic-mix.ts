import { parseIp } from '../../core/policy/ip-address';
import type { RequestEvent, RequestProperties } from '../engine/request-event';

// The simulated gateway's traffic: which applications call which APIs and resources, as which
// users, from which addresses, with which headers, query parameters and JWT claims. Each request
// picks one of each at random.

export interface MixApplication {
  appId: string;
  name: string;
  /** The owner, as blocking conditions name it (`{subscriber}:{applicationName}`). */
  subscriber: string;
  appTier: string;
  /** The tier of this application's subscriptions. */
  subscriptionTier: string;
  keyType: 'PRODUCTION' | 'SANDBOX';
  users: string[];
}

export interface MixResource {
  uriTemplate: string;
  verb: string;
  /** The advanced policy of the resource; empty for none. */
  tier: string;
}

export interface MixApi {
  name: string;
  context: string;
  version: string;
  resources: MixResource[];
}

/** A named attribute and the values requests carry; '' means the request does not carry it. */
export interface MixAttribute {
  name: string;
  values: string[];
}

export interface TrafficMix {
  applications: MixApplication[];
  apis: MixApi[];
  clientIps: string[];
  headers: MixAttribute[];
  queryParameters: MixAttribute[];
  jwtClaims: MixAttribute[];
  /** Request sizes in bytes, smallest and largest. */
  messageSize: { min: number; max: number };
  tenant: string;
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('A traffic mix list is empty.');
  return item;
}

function ipProperty(text: string): RequestProperties {
  const ip = parseIp(text);
  if (!ip) return {};
  return ip.family === 4 ? { ip: Number(ip.value) } : { ip: '', ipv6: ip.value.toString() };
}

/** The `seq`-th request of the mix: the seventeen request-stream fields. */
export function mixRequest(mix: TrafficMix, random: () => number, messageId: string): RequestEvent {
  const app = pick(mix.applications, random);
  const api = pick(mix.apis, random);
  const resource = pick(api.resources, random);
  const user = pick(app.users, random);
  const properties: RequestProperties = {
    ...ipProperty(pick(mix.clientIps, random)),
    messageSize: mix.messageSize.min + Math.floor(random() * (mix.messageSize.max - mix.messageSize.min + 1)),
    subscriber: app.subscriber,
    applicationName: app.name,
    keyType: app.keyType,
  };
  for (const attribute of [...mix.headers, ...mix.queryParameters, ...mix.jwtClaims]) {
    const value = pick(attribute.values, random);
    if (value !== '') properties[attribute.name] = value;
  }
  const apiKey = `${api.context}:${api.version}`;
  return {
    messageID: messageId,
    appKey: `${app.appId}:${user}`,
    appTier: app.appTier,
    apiKey,
    apiTier: '',
    subscriptionKey: `${app.appId}:${apiKey}:${app.subscriptionTier}`,
    subscriptionTier: app.subscriptionTier,
    resourceKey: `${api.context}/${api.version}${resource.uriTemplate}:${resource.verb}`,
    resourceTier: resource.tier,
    userId: user,
    apiContext: api.context,
    apiVersion: api.version,
    appTenant: mix.tenant,
    apiTenant: mix.tenant,
    appId: app.appId,
    apiName: api.name,
    properties,
  };
}

/** A small seeded generator (mulberry32), so a run's traffic can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
