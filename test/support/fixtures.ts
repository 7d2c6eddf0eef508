import type { CallHandlers, CallRequest, ClusterSnapshot, LinkSnapshot } from '../../electron/core/host/contract';
import type { CallName } from '../../electron/core/host/contract-names';
import { emptyThrottleCounters } from '../../electron/core/throttle/empty-counters';

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
    timelineDropped: 0,
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
    'throttle.page': () => ({
      snapshotId: 's1',
      at: 0,
      deltaSeq: 0,
      total: 0,
      rows: [],
      nextCursor: null,
      blocks: [],
      keyTemplates: [],
      counters: emptyThrottleCounters(),
    }),
    'throttle.rejections': () => ({ counts: [], samples: [] }),
    'throttle.history': () => ({ entries: [] }),
    'demo.kill': () => outcome,
    'demo.restart': () => outcome,
    'policies.list': () => ({ entries: [], warnings: [] }),
    'policies.get': () => ({ ok: false, errors: [{ path: '(root)', message: 'no' }], warnings: [] }),
    'policies.save': () => ({ ok: false, errors: [], warnings: [] }),
    'policies.delete': () => ({ ok: true, errors: [], warnings: [] }),
    'policies.import': () => ({ results: [], warnings: [] }),
    'policies.export': () => ({ files: [], missing: [], truncated: 0 }),
    'policies.diff': () => ({ ok: false, errors: [], warnings: [] }),
    'policies.push': () => pushStart,
    'policies.undeploy': () => pushStart,
    'policies.pushStatus': () => ({ pushes: [], dropped: 0 }),
    'policies.syncMatrix': () => ({
      tms: [],
      rows: [],
      truncated: 0,
      problems: { malformed: 0, dropped: 0, lastProblem: null },
    }),
    'blocks.add': () => pushStart,
    'blocks.remove': () => pushStart,
    'counters.reset': () => pushStart,
    'audit.read': () => ({ records: [], total: 0, nextOffset: null, warnings: [] }),
    'audit.export': () => ({ fileName: 'audit.csv', text: '', records: 0, truncated: 0, warnings: [] }),
  };
}

const pushStart = { started: true, pushId: 'p-1', message: 'Sent.', errors: [] };

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
  'throttle.page': { cursor: 0, limit: 100 },
  'throttle.rejections': {},
  'throttle.history': { limit: 10 },
  'demo.kill': { brokerId: 'tm1' },
  'demo.restart': { brokerId: 'tm1' },
  'policies.list': {},
  'policies.get': { key: 'application:Gold' },
  'policies.save': { body: { policyName: 'Gold' }, kind: 'application' },
  'policies.delete': { key: 'application:Gold' },
  'policies.import': { files: [{ name: 'gold.json', text: '{}' }] },
  'policies.export': { keys: [] },
  'policies.diff': { key: 'application:Gold' },
  'policies.push': { key: 'application:Gold' },
  'policies.undeploy': { key: 'application:Gold' },
  'policies.pushStatus': {},
  'policies.syncMatrix': {},
  'blocks.add': { condition: { conditionType: 'USER', conditionValue: 'mallory@carbon.super' } },
  'blocks.remove': { conditionId: 'b1' },
  'counters.reset': { throttleKey: '12:admin@carbon.super' },
  'audit.read': { offset: 0, limit: 20 },
  'audit.export': { format: 'csv' },
};

export { emptyThrottleCounters as emptyCounters } from '../../electron/core/throttle/empty-counters';
