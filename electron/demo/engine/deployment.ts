import type { BlockingCondition } from '../../core/policy/blocking-schema';
import type { ControlMessage, TypedPolicy } from '../../core/policy/control-message';
import { policyDigest } from '../../core/policy/policy-digest';
import type { PolicyType } from '../../core/policy/policy-schema';

// What a traffic manager has deployed: policies and blocking conditions, each with the revision
// it was pushed at. Pure: applies control messages and peer snapshots, says what changed.
// Rules: a push id is applied once; a higher revision replaces a lower one; the same revision
// with the same content is a duplicate; removals leave a tombstone so an older copy arriving
// later from a peer cannot bring the entry back.

export interface PolicyRecord {
  kind: 'policy';
  key: string;
  revision: number;
  digest: string;
  typed: TypedPolicy;
}

export interface BlockRecord {
  kind: 'block';
  key: string;
  revision: number;
  digest: string;
  conditionId: string;
  condition: BlockingCondition;
}

export interface Tombstone {
  kind: 'tombstone';
  key: string;
  revision: number;
  digest: typeof REMOVED;
}

export type DeploymentEntry = PolicyRecord | BlockRecord | Tombstone;

export type Effect =
  | { kind: 'policy-set'; record: PolicyRecord }
  | { kind: 'policy-removed'; record: PolicyRecord }
  | { kind: 'block-set'; record: BlockRecord }
  | { kind: 'block-removed'; record: BlockRecord }
  | { kind: 'counters-reset'; throttleKey: string };

export type ApplyResult =
  | { status: 'applied'; revision: number; effects: Effect[] }
  | { status: 'duplicate' | 'rejected'; revision: number; reason: string };

export interface DeploymentSnapshot {
  entries: DeploymentEntry[];
  pushIds: string[];
}

export interface DeploymentLimits {
  /** Live policies and blocks. */
  maxRecords: number;
  maxTombstones: number;
  maxPushIds: number;
}

export const DEFAULT_DEPLOYMENT_LIMITS: DeploymentLimits = {
  maxRecords: 10_000,
  maxTombstones: 10_000,
  maxPushIds: 10_000,
};

const REMOVED = 'removed';

export const policyKey = (type: PolicyType, name: string): string => `policy:${type}:${name}`;
export const blockKey = (conditionId: string | number): string => `block:${String(conditionId)}`;

export function policyRecord(typed: TypedPolicy, revision: number): PolicyRecord {
  const key = policyKey(typed.policyType, typed.policy.policyName);
  return { kind: 'policy', key, revision, digest: policyDigest(typed.policy), typed };
}

export function blockRecord(condition: BlockingCondition, conditionId: string, revision: number): BlockRecord {
  return {
    kind: 'block',
    key: blockKey(conditionId),
    revision,
    digest: policyDigest(condition),
    conditionId,
    condition,
  };
}

/** A starting deployment: every policy and block at revision 1. */
export function seedDeployment(
  policies: readonly TypedPolicy[],
  blocks: readonly { conditionId: string; condition: BlockingCondition }[] = [],
): DeploymentSnapshot {
  return {
    entries: [
      ...policies.map((typed) => policyRecord(typed, 1)),
      ...blocks.map(({ conditionId, condition }) => blockRecord(condition, conditionId, 1)),
    ],
    pushIds: [],
  };
}

export function tombstone(key: string, revision: number): Tombstone {
  return { kind: 'tombstone', key, revision, digest: REMOVED };
}

function describe(key: string): string {
  if (!key.startsWith('policy:')) return `blocking condition "${key.slice('block:'.length)}"`;
  const [, type, ...name] = key.split(':');
  return `${type ?? ''} policy "${name.join(':')}"`;
}

export class Deployment {
  private readonly entries = new Map<string, DeploymentEntry>();
  private readonly pushIds = new Set<string>();
  private tombstones = 0;
  private dropped = { pushIds: 0, tombstones: 0 };

  constructor(private readonly limits: DeploymentLimits = DEFAULT_DEPLOYMENT_LIMITS) {}

  policies(): PolicyRecord[] {
    return [...this.entries.values()].filter((entry): entry is PolicyRecord => entry.kind === 'policy');
  }

  blocks(): BlockRecord[] {
    return [...this.entries.values()].filter((entry): entry is BlockRecord => entry.kind === 'block');
  }

  snapshot(): DeploymentSnapshot {
    return { entries: [...this.entries.values()], pushIds: [...this.pushIds] };
  }

  droppedCounts(): { pushIds: number; tombstones: number } {
    return { ...this.dropped };
  }

  apply(message: ControlMessage): ApplyResult {
    if (this.pushIds.has(message.pushId)) {
      return { status: 'duplicate', revision: message.revision, reason: `push ${message.pushId} was already applied` };
    }
    const result = this.applyNew(message);
    if (result.status === 'applied') this.remember(message.pushId);
    return result;
  }

  /** Takes every entry of a peer's snapshot that is newer than ours. Returns what changed. */
  merge(snapshot: DeploymentSnapshot): Effect[] {
    const effects: Effect[] = [];
    for (const incoming of snapshot.entries) {
      const current = this.entries.get(incoming.key);
      // Equal revisions with different content should not happen; the larger digest wins so
      // that every traffic manager settles on the same one.
      const newer =
        !current ||
        incoming.revision > current.revision ||
        (incoming.revision === current.revision && incoming.digest > current.digest);
      if (newer) effects.push(...this.put(incoming, current));
    }
    for (const pushId of snapshot.pushIds) this.remember(pushId);
    return effects;
  }

  private applyNew(message: ControlMessage): ApplyResult {
    const { revision } = message;
    switch (message.kind) {
      case 'policy.deploy':
        return this.replace(policyRecord(message.body, revision));
      case 'block.add':
        return this.replace(blockRecord(message.body, String(message.body.conditionId), revision));
      case 'policy.undeploy':
        return this.remove(policyKey(message.body.policyType, message.body.policyName), revision);
      case 'block.remove':
        return this.remove(blockKey(message.body.conditionId), revision);
      case 'counters.reset':
        return {
          status: 'applied',
          revision,
          effects: [{ kind: 'counters-reset', throttleKey: message.body.throttleKey }],
        };
    }
  }

  private gate(key: string, revision: number, digest: string): ApplyResult | undefined {
    const current = this.entries.get(key);
    if (!current || revision > current.revision) return undefined;
    if (revision === current.revision) {
      if (current.digest === digest) {
        return { status: 'duplicate', revision, reason: `revision ${revision} of ${describe(key)} is already applied` };
      }
      return {
        status: 'rejected',
        revision,
        reason: `revision ${revision} of ${describe(key)} is already applied with different content; push it as revision ${revision + 1}`,
      };
    }
    return {
      status: 'rejected',
      revision: current.revision,
      reason: `revision ${revision} is older than revision ${current.revision} of ${describe(key)} on this traffic manager`,
    };
  }

  private replace(record: PolicyRecord | BlockRecord): ApplyResult {
    const gated = this.gate(record.key, record.revision, record.digest);
    if (gated) return gated;
    const current = this.entries.get(record.key);
    const live = this.entries.size - this.tombstones;
    if ((!current || current.kind === 'tombstone') && live >= this.limits.maxRecords) {
      return {
        status: 'rejected',
        revision: current?.revision ?? 0,
        reason: `this traffic manager already holds ${this.limits.maxRecords} policies and blocking conditions`,
      };
    }
    return { status: 'applied', revision: record.revision, effects: this.put(record, current) };
  }

  private remove(key: string, revision: number): ApplyResult {
    const gated = this.gate(key, revision, REMOVED);
    if (gated) return gated;
    const current = this.entries.get(key);
    if (!current || current.kind === 'tombstone') {
      return { status: 'rejected', revision: current?.revision ?? 0, reason: `${describe(key)} is not deployed` };
    }
    return {
      status: 'applied',
      revision,
      effects: this.put(tombstone(key, revision), current),
    };
  }

  private put(entry: DeploymentEntry, current: DeploymentEntry | undefined): Effect[] {
    if (current?.kind === 'tombstone') this.tombstones -= 1;
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    if (entry.kind === 'tombstone') {
      this.tombstones += 1;
      this.trimTombstones();
      if (current?.kind === 'policy') return [{ kind: 'policy-removed', record: current }];
      if (current?.kind === 'block') return [{ kind: 'block-removed', record: current }];
      return [];
    }
    return entry.kind === 'policy' ? [{ kind: 'policy-set', record: entry }] : [{ kind: 'block-set', record: entry }];
  }

  private trimTombstones(): void {
    for (const [key, entry] of this.entries) {
      if (this.tombstones <= this.limits.maxTombstones) return;
      if (entry.kind !== 'tombstone') continue;
      this.entries.delete(key);
      this.tombstones -= 1;
      this.dropped.tombstones += 1;
    }
  }

  private remember(pushId: string): void {
    this.pushIds.delete(pushId);
    this.pushIds.add(pushId);
    if (this.pushIds.size <= this.limits.maxPushIds) return;
    const oldest = this.pushIds.values().next().value;
    if (oldest !== undefined) this.pushIds.delete(oldest);
    this.dropped.pushIds += 1;
  }
}
