import type { CallHandlers, CallRequest, ClusterSnapshot, LinkSnapshot } from '../../electron/core/host/contract';
import type { CallName } from '../../electron/core/host/contract-names';

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
    demoBrokers: [],
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
    'profiles.list': () => ({
      profiles: [],
      builtIn: [],
      lastUsed: null,
      open: null,
      canStoreSecrets: false,
      canPickFiles: false,
      warnings: [],
    }),
    'profiles.save': () => ({ ok: false, errors: [], warnings: [] }),
    'profiles.duplicate': () => ({ ok: false, errors: [], warnings: [] }),
    'profiles.delete': () => ({ ok: true, errors: [], warnings: [] }),
    'profiles.importUrl': () => ({ ok: false, error: { message: 'no', offset: 0 } }),
    'profiles.open': () => outcome,
    'profiles.close': () => outcome,
    'files.pick': () => ({ path: null, message: 'No file chosen.' }),
    'demo.kill': () => outcome,
    'demo.restart': () => outcome,
  };
}

/** One valid request per call: typed, so a new call cannot be added without an example. */
export const VALID_REQUESTS: { [N in CallName]: CallRequest<N> } = {
  'app.info': {},
  'cluster.snapshot': {},
  'cluster.pin': { brokerId: 'tm1' },
  'cluster.unpin': {},
  'cluster.switchTo': { brokerId: 'tm1' },
  'profiles.list': {},
  'profiles.save': { profile: { name: 'x', brokers: [] }, password: null },
  'profiles.duplicate': { name: 'x' },
  'profiles.delete': { name: 'x' },
  'profiles.importUrl': { url: "amqp://u:p@c/v?brokerlist='tcp://h:5672'" },
  'profiles.open': { name: 'x' },
  'profiles.close': {},
  'files.pick': { purpose: 'ca' },
  'demo.kill': { brokerId: 'tm1' },
  'demo.restart': { brokerId: 'tm1' },
};
