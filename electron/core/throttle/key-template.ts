import { contextTenant, resourcePathParts, userTenant } from './key-classifier';
import type { KeyParts } from './message-types';

/** A key template compiled to a matcher that reads the parts back out of a key it produced. */
export interface KeyTemplateMatcher {
  readonly template: string;
  match(key: string): KeyParts | undefined;
}

// Keys longer than this are not matched against templates: it bounds the regex work per key.
const MAX_MATCHED_KEY = 1024;
const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)?)/g;

type Token = { literal: string } | { variable: string };

/**
 * Compiles `$userId:$apiContext:$apiVersion` and the like. Each variable matches up to the first
 * character of the literal after it, so matching stays linear in the key's length.
 */
export function compileKeyTemplate(template: string): KeyTemplateMatcher {
  const tokens = tokenize(template);
  const variables: string[] = [];
  let source = '^';
  tokens.forEach((token, index) => {
    if ('literal' in token) {
      source += escapeRegExp(token.literal);
      return;
    }
    variables.push(token.variable);
    const next = tokens[index + 1];
    const stop = next && 'literal' in next ? next.literal[0] : undefined;
    source += variablePattern(token.variable, stop);
  });
  const pattern = new RegExp(`${source}$`);
  return {
    template,
    match(key) {
      if (key.length > MAX_MATCHED_KEY) return undefined;
      const found = pattern.exec(key);
      if (!found) return undefined;
      const parts: KeyParts = {};
      variables.forEach((name, index) => assign(parts, name, found[index + 1] ?? ''));
      return parts;
    },
  };
}

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const found of template.matchAll(VARIABLE)) {
    if (found.index > last) tokens.push({ literal: template.slice(last, found.index) });
    tokens.push({ variable: found[1] ?? '' });
    last = found.index + found[0].length;
  }
  if (last < template.length) tokens.push({ literal: template.slice(last) });
  return tokens;
}

function variablePattern(name: string, stop: string | undefined): string {
  if (name === 'apiContext') return stop ? `(/[^${escapeClass(stop)}]*)` : '(/.*)';
  // A resource key holds one ":" of its own before the verb.
  if (name === 'resourceKey') return stop ? `(/[^${escapeClass(stop)}]*:[A-Z]+)` : '(/.*:[A-Z]+)';
  // IPv6 addresses hold ":" themselves.
  if (name === 'clientIp') return '([0-9A-Fa-f.:]+)';
  return stop ? `([^${escapeClass(stop)}]+)` : '(.+?)';
}

function assign(parts: KeyParts, name: string, value: string): void {
  switch (name) {
    case 'userId':
      parts.user = value;
      parts.tenant ??= userTenant(value);
      break;
    case 'apiContext':
      parts.apiContext = value;
      parts.tenant = contextTenant(value) ?? parts.tenant;
      break;
    case 'apiVersion':
      parts.apiVersion = value;
      break;
    case 'appId':
      parts.appId = value;
      break;
    case 'appTenant':
    case 'apiTenant':
      parts.tenant = value;
      break;
    case 'clientIp':
      parts.clientIp = value;
      break;
    case 'resourceKey': {
      const colon = value.lastIndexOf(':');
      Object.assign(parts, resourcePathParts(value.slice(0, colon)), { verb: value.slice(colon + 1) });
      break;
    }
  }
  if (parts.tenant === undefined) delete parts.tenant;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function escapeClass(char: string): string {
  return char.replace(/[\]\\^-]/g, '\\$&');
}
