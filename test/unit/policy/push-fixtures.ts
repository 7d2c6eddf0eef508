import type { Ack, TmState } from '../../../electron/core/policy/control-message';
import type { PushPlan } from '../../../electron/core/policy/push-machine';

export const DIGEST = 'd'.repeat(64);
export const OTHER_DIGEST = 'e'.repeat(64);

export function plan(overrides: Partial<PushPlan> = {}): PushPlan {
  return {
    pushId: 'push-1',
    kind: 'policy.deploy',
    key: 'application:Gold',
    subject: 'application policy "Gold"',
    revision: 2,
    order: ['tm1', 'tm2', 'tm3'],
    target: { key: 'application:Gold', present: true, revision: 2, digest: DIGEST },
    ackTimeoutMs: 3_000,
    syncTimeoutMs: 10_000,
    ...overrides,
  };
}

/** A TM's retained state holding application policy Gold at `revision` (none when null). */
export function tmState(tmId: string, revision: number | null, digest = DIGEST): TmState {
  return {
    tmId,
    startedAt: 0,
    phase: 'serving',
    syncedFrom: null,
    policies: revision === null ? [] : [{ name: 'Gold', type: 'application', revision, digest, evaluated: true }],
    blocks: [],
    peers: [],
  };
}

export function ack(tmId: string, status: Ack['status'], extra: Partial<Ack> = {}): Ack {
  return { pushId: 'push-1', tmId, status, revision: 2, ...extra };
}
