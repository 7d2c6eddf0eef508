import type { CallHandlers, ClusterSnapshot, LinkSnapshot } from '../../electron/core/host/contract';

/** A link snapshot with every field filled; tests override what they care about. */
export function linkSnapshot(overrides: Partial<LinkSnapshot> = {}): LinkSnapshot {
  return {
    brokerId: 'tm1',
    label: 'TM 1',
    url: 'mqtt://127.0.0.1:1883',
    state: 'connected',
    since: 0,
    lastError: null,
    reconnects: 0,
    failedAttempts: 0,
    rttMs: null,
    rttHistory: [],
    messagesPerSec: 0,
    bytesPerSec: 0,
    lastMessageAt: null,
    ...overrides,
  };
}

export function clusterSnapshot(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    profileName: 'p',
    links: [],
    failover: { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false },
    timeline: [],
    problem: null,
    ...overrides,
  };
}

/** Contract handlers that answer with fixed values: for transport tests that need a core. */
export function fixedHandlers(snapshot: ClusterSnapshot = clusterSnapshot()): CallHandlers {
  const outcome = { done: true, message: 'ok' };
  return {
    'app.info': () => ({ name: 'Traffic Manager Console', version: '0.0.0' }),
    'cluster.snapshot': () => snapshot,
    'cluster.pin': () => outcome,
    'cluster.unpin': () => outcome,
    'cluster.switchTo': () => outcome,
  };
}
