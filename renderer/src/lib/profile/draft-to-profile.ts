import type { CallIssue } from '../../../../electron/core/host/call-result';
import { NUMBER_FIELDS, NUMBER_PATHS } from './number-fields';
import { TOPIC_KEYS } from '../../../../electron/core/profile/profile-defaults';
import type { ProfileDraft } from './profile-draft';

export type DraftConversion = { ok: true; profile: Record<string, unknown> } | { ok: false; issues: CallIssue[] };

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Sets `value` at a dotted path, creating the objects on the way. */
function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() ?? path;
  let node = target;
  for (const part of parts) {
    const next = (node[part] ??= {}) as Record<string, unknown>;
    node = next;
  }
  node[last] = value;
}

/** Optional text: absent when empty, so the core applies its default or leaves it unset. */
function optional(target: Record<string, unknown>, key: string, text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '') target[key] = trimmed;
}

/**
 * The profile the core validates on save. Only what the page alone can tell is checked here (a
 * number field holding something that is not a number); every other rule is the core's, which
 * answers with field paths.
 */
export function draftToProfile(draft: ProfileDraft): DraftConversion {
  const issues: CallIssue[] = [];
  const tls: Record<string, unknown> = { verify: draft.tls.verify };
  optional(tls, 'caFile', draft.tls.caFile);
  optional(tls, 'certFile', draft.tls.certFile);
  optional(tls, 'keyFile', draft.tls.keyFile);
  optional(tls, 'serverName', draft.tls.serverName);

  const profile: Record<string, unknown> = {
    name: draft.name.trim(),
    brokers: draft.brokers.map((broker) => {
      const entry: Record<string, unknown> = {
        id: broker.id.trim(),
        label: broker.label.trim(),
        url: broker.url.trim(),
      };
      optional(entry, 'tlsServerName', broker.tlsServerName);
      return entry;
    }),
    tls,
    mqttVersion: draft.mqttVersion,
    failover: { mode: draft.mode, backoff: { jitter: draft.jitter }, probe: {} },
  };
  optional(profile, 'username', draft.username);

  for (const path of NUMBER_PATHS) {
    const text = draft.numbers[path].trim();
    if (text === '') continue;
    if (NUMBER.test(text)) setAt(profile, path, Number(text));
    else
      issues.push({
        path,
        message: `"${text}" is not a number: enter one, or leave it empty for the default (${NUMBER_FIELDS[path].defaultValue})`,
      });
  }

  const topics: Record<string, unknown> = {};
  for (const key of TOPIC_KEYS) optional(topics, key, draft.topics[key]);
  profile['topics'] = topics;

  return issues.length > 0 ? { ok: false, issues } : { ok: true, profile };
}
