import type { TmState } from './control-message';
import { POLICY_KINDS, type PolicyKind } from './policy-names';

// One name for a policy or blocking condition everywhere in the console: `<kind>:<name>`, the
// name being a policy's `policyName` or a blocking condition's `conditionId`. A traffic manager
// keeps one entry per policy type and name, and one per condition id, so keys match its state.

export function policyKey(kind: PolicyKind, name: string): string {
  return `${kind}:${name}`;
}

export function parsePolicyKey(key: string): { kind: PolicyKind; name: string } | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if (colon < 0 || name === '' || !(POLICY_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as PolicyKind, name };
}

/** 'application policy "Gold"', 'custom rule "R"', 'blocking condition "b1"': how messages name a key. */
export function describeKey(key: string): string {
  const parsed = parsePolicyKey(key);
  if (!parsed) return `"${key}"`;
  if (parsed.kind === 'blocking') return `blocking condition "${parsed.name}"`;
  return parsed.kind === 'custom' ? `custom rule "${parsed.name}"` : `${parsed.kind} policy "${parsed.name}"`;
}

export interface ReportedEntry {
  revision: number;
  digest: string;
}

/** What a traffic manager's retained state says it runs for `key`; undefined when it has nothing. */
export function reportedEntry(state: TmState, key: string): ReportedEntry | undefined {
  const parsed = parsePolicyKey(key);
  if (!parsed) return undefined;
  if (parsed.kind === 'blocking') {
    const block = state.blocks.find((b) => b.conditionId === parsed.name);
    return block && { revision: block.revision, digest: block.digest };
  }
  const policy = state.policies.find((p) => p.type === parsed.kind && p.name === parsed.name);
  return policy && { revision: policy.revision, digest: policy.digest };
}

/** Every key a traffic manager reports, policies first. */
export function reportedKeys(state: TmState): string[] {
  return [
    ...state.policies.map((p) => policyKey(p.type, p.name)),
    ...state.blocks.map((b) => policyKey('blocking', b.conditionId)),
  ];
}
