import type { KeyTemplateMatcher } from './key-template';
import type { KeyInfo, KeyParts } from './message-types';

// Throttle key formats (reference/wso2-throttling.md, section 1):
//   application   {appId}:{user@tenant}
//   subscription  {appId}:{apiContext}:{apiVersion}:{tier}   (older: without :{tier})
//   API           {apiContext}:{apiVersion}[_{user}]_default | _condition_{groupId}
//   resource      {apiContext}/{apiVersion}{uriTemplate}:{VERB}[_{user}]_default | _condition_{groupId}
//   custom        shaped by a key template ($userId:$apiContext:$apiVersion …)

const VERBS = new Set([
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  // GraphQL operations and async API actions take the verb's place in resource keys.
  'QUERY',
  'MUTATION',
  'SUBSCRIPTION',
  'SUBSCRIBE',
  'PUBLISH',
]);

const APP_ID = /^(?:\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const TENANT_CONTEXT = /^\/t\/([^/]+)\//;
const DEFAULT_SUFFIX = '_default';
const CONDITION_SUFFIX = '_condition_';
const UNDERSCORE = 0x5f;

/** Level and parts of a throttle key. Built-in formats first, then the known key templates. */
export function classifyThrottleKey(key: string, templates: readonly KeyTemplateMatcher[] = []): KeyInfo {
  const info = classifyApiKey(key) ?? classifyAppKey(key);
  if (info) return info;
  for (const template of templates) {
    const parts = template.match(key);
    if (parts) return { level: 'custom', parts };
  }
  return { level: 'custom', parts: {} };
}

function classifyApiKey(key: string): KeyInfo | undefined {
  let conditionGroup: string;
  let base: string;
  if (key.endsWith(DEFAULT_SUFFIX)) {
    conditionGroup = 'default';
    base = key.slice(0, -DEFAULT_SUFFIX.length);
  } else {
    const at = key.lastIndexOf(CONDITION_SUFFIX);
    if (at <= 0 || at + CONDITION_SUFFIX.length === key.length) return undefined;
    conditionGroup = key.slice(at + CONDITION_SUFFIX.length);
    base = key.slice(0, at);
  }
  if (!base.startsWith('/')) return undefined;

  const lastColon = base.lastIndexOf(':');
  if (lastColon <= 0) return undefined;
  const afterColon = base.slice(lastColon + 1);
  const underscore = afterColon.indexOf('_');
  const verb = underscore < 0 ? afterColon : afterColon.slice(0, underscore);
  if (VERBS.has(verb)) {
    const user = underscore < 0 ? undefined : afterColon.slice(underscore + 1);
    const parts: KeyParts = { ...resourcePathParts(base.slice(0, lastColon)), verb, conditionGroup };
    return { level: 'resource', parts: withUser(parts, user) };
  }

  const firstColon = base.indexOf(':');
  const apiContext = base.slice(0, firstColon);
  const { apiVersion, user } = splitVersionAndUser(apiContext, base.slice(firstColon + 1));
  if (apiVersion.length === 0) return undefined;
  const parts: KeyParts = { apiContext, apiVersion, conditionGroup };
  const tenant = contextTenant(apiContext);
  if (tenant !== undefined) parts.tenant = tenant;
  return { level: 'api', parts: withUser(parts, user) };
}

/**
 * `1.0.0` or `1.0.0_admin@carbon.super`: the version is the part the context also holds, the
 * shortest such part when several fit. Linear in the key's length: keys come from the network.
 */
function splitVersionAndUser(apiContext: string, rest: string): { apiVersion: string; user: string | undefined } {
  const segments = new Set(apiContext.split('/'));
  if (segments.has(rest)) return { apiVersion: rest, user: undefined };
  let version: string | undefined;
  for (const segment of segments) {
    if (segment.length === 0 || (version !== undefined && segment.length >= version.length)) continue;
    if (rest.charCodeAt(segment.length) === UNDERSCORE && rest.startsWith(segment)) version = segment;
  }
  if (version !== undefined) return { apiVersion: version, user: rest.slice(version.length + 1) || undefined };
  const at = rest.indexOf('_');
  if (at < 0) return { apiVersion: rest, user: undefined };
  return { apiVersion: rest.slice(0, at), user: rest.slice(at + 1) || undefined };
}

/**
 * `/pizzashack/1.0.0/1.0.0/menu`: the context already holds the version, so the version appears
 * twice; the second occurrence ends the context. Tenant contexts (`/t/wso2.com/…`) and versions
 * placed mid-context (`/1.0.0/pizzashack/1.0.0/menu`) follow the same rule.
 */
export function resourcePathParts(path: string): KeyParts {
  const segments = path.split('/').slice(1);
  const at = versionIndex(segments);
  if (at < 0) return { resource: path };
  const apiContext = `/${segments.slice(0, at).join('/')}`;
  const parts: KeyParts = {
    apiContext,
    apiVersion: segments[at],
    resource: `/${segments.slice(at + 1).join('/')}`,
  };
  const tenant = contextTenant(apiContext);
  if (tenant !== undefined) parts.tenant = tenant;
  return parts;
}

function versionIndex(segments: readonly string[]): number {
  const looksLikeVersion = (s: string | undefined): boolean => s !== undefined && /\d/.test(s);
  for (let i = 1; i < segments.length; i += 1) {
    if (segments[i] === segments[i - 1] && looksLikeVersion(segments[i])) return i;
  }
  const seen = new Set<string>();
  for (let i = 1; i < segments.length; i += 1) {
    seen.add(segments[i - 1] ?? '');
    const segment = segments[i];
    if (looksLikeVersion(segment) && seen.has(segment ?? '')) return i;
  }
  for (let i = 1; i < segments.length; i += 1) {
    if (segments[i] !== '' && segments[i] === segments[i - 1]) return i;
  }
  return -1;
}

function classifyAppKey(key: string): KeyInfo | undefined {
  const fields = key.split(':');
  const [appId = '', second = '', apiVersion = '', tier = ''] = fields;
  if (!APP_ID.test(appId) || second.length === 0) return undefined;
  if (fields.length === 2 && !second.startsWith('/')) {
    return { level: 'application', parts: withUser({ appId }, second) };
  }
  if ((fields.length === 3 || fields.length === 4) && second.startsWith('/') && apiVersion.length > 0) {
    const parts: KeyParts = { appId, apiContext: second, apiVersion };
    if (fields.length === 4) {
      if (tier.length === 0) return undefined;
      parts.tier = tier;
    }
    const tenant = contextTenant(second);
    if (tenant !== undefined) parts.tenant = tenant;
    return { level: 'subscription', parts };
  }
  return undefined;
}

/** Adds a user (and, for API and resource keys, the per-user flag); its tenant unless one is known. */
function withUser(parts: KeyParts, user: string | undefined): KeyParts {
  const apiLevel = parts.conditionGroup !== undefined;
  if (apiLevel) parts.perUser = user !== undefined;
  if (user === undefined) return parts;
  parts.user = user;
  parts.tenant ??= userTenant(user);
  if (parts.tenant === undefined) delete parts.tenant;
  return parts;
}

export function contextTenant(apiContext: string): string | undefined {
  return TENANT_CONTEXT.exec(apiContext)?.[1];
}

export function userTenant(user: string): string | undefined {
  const at = user.lastIndexOf('@');
  return at > 0 && at < user.length - 1 ? user.slice(at + 1) : undefined;
}
