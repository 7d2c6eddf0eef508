import type { ThrottleCounters } from './delta-types';

/** Counters of a pipeline that has seen nothing (no cluster open yet). */
export function emptyThrottleCounters(): ThrottleCounters {
  return {
    live: 0,
    byLevel: { application: 0, subscription: 0, api: 0, resource: 0, custom: 0 },
    messages: 0,
    decisions: 0,
    confirmations: 0,
    lateConfirmations: 0,
    stale: 0,
    duplicates: 0,
    expiredOnArrival: 0,
    disagreeingKeys: 0,
    rejected: 0,
    unreadableConditions: 0,
    blocks: 0,
    keyTemplates: 0,
    dropped: { keys: 0, graceChecks: 0, history: 0, blocks: 0, keyTemplates: 0, rejectionSamples: 0, deltas: 0 },
  };
}
