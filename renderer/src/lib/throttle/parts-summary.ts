import type { KeyParts } from '../../../../electron/core/throttle/message-types';

/** One labelled piece of a decoded key, as the why panel lists it. */
export interface PartLine {
  name: keyof KeyParts;
  label: string;
  value: string;
}

const LABELS: { name: keyof KeyParts; label: string }[] = [
  { name: 'appId', label: 'Application' },
  { name: 'user', label: 'User' },
  { name: 'tenant', label: 'Tenant' },
  { name: 'apiContext', label: 'API' },
  { name: 'apiVersion', label: 'Version' },
  { name: 'resource', label: 'Resource' },
  { name: 'verb', label: 'Verb' },
  { name: 'tier', label: 'Tier' },
  { name: 'conditionGroup', label: 'Condition group' },
  { name: 'perUser', label: 'Per user' },
  { name: 'clientIp', label: 'Client IP' },
];

/** Every part the key carries, labelled, in a fixed order. */
export function partLines(parts: KeyParts): PartLine[] {
  const lines: PartLine[] = [];
  for (const { name, label } of LABELS) {
    const value = parts[name];
    if (value === undefined) continue;
    lines.push({ name, label, value: typeof value === 'boolean' ? (value ? 'yes' : 'no') : value });
  }
  return lines;
}

/**
 * The parts in one short line for a table cell: `app 12 · admin@carbon.super`,
 * `/pizzashack/1.0.0 · GET /menu · group 1 · per user`. The API context already holds the
 * version, so the version is not repeated; the tenant is in the user.
 */
export function partsSummary(parts: KeyParts): string {
  const pieces: string[] = [];
  if (parts.appId !== undefined) pieces.push(`app ${parts.appId}`);
  if (parts.user !== undefined) pieces.push(parts.user);
  if (parts.apiContext !== undefined) pieces.push(parts.apiContext);
  if (parts.resource !== undefined)
    pieces.push(parts.verb === undefined ? parts.resource : `${parts.verb} ${parts.resource}`);
  if (parts.tier !== undefined) pieces.push(parts.tier);
  if (parts.conditionGroup !== undefined)
    pieces.push(parts.conditionGroup === 'default' ? 'default group' : `group ${parts.conditionGroup}`);
  if (parts.perUser === true) pieces.push('per user');
  if (parts.clientIp !== undefined) pieces.push(`IP ${parts.clientIp}`);
  return pieces.join(' · ');
}
