// The names of every call and event, kept free of zod so the sandboxed preload can import them
// without pulling a schema library into the renderer's privileged bridge. `contract.ts` is typed
// to hold exactly these names.

export const CALL_NAMES = [
  'app.info',
  'cluster.snapshot',
  'cluster.pin',
  'cluster.unpin',
  'cluster.switchTo',
  'profiles.list',
  'profiles.save',
  'profiles.duplicate',
  'profiles.delete',
  'profiles.importUrl',
  'profiles.open',
  'profiles.close',
  'files.pick',
  'throttle.page',
  'throttle.rejections',
  'throttle.history',
  'demo.kill',
  'demo.restart',
  'policies.list',
  'policies.get',
  'policies.save',
  'policies.delete',
  'policies.import',
  'policies.export',
  'policies.diff',
  'policies.push',
  'policies.undeploy',
  'policies.pushStatus',
  'policies.syncMatrix',
  'blocks.add',
  'blocks.remove',
  'counters.reset',
  'audit.read',
  'audit.export',
] as const;
export const EVENT_NAMES = [
  'cluster.link',
  'cluster.switch',
  'cluster.failover',
  'throttle.delta',
  'policies.push',
  'policies.changed',
  'policies.problem',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** Electron IPC channel of one call. Events all travel in batches on one channel. */
export function callChannel(name: CallName): string {
  return `tmc:call:${name}`;
}
export const EVENTS_CHANNEL = 'tmc:events';

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
