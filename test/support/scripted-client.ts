import type { CallResult } from '../../electron/core/host/call-result';
import type { CallName } from '../../electron/core/host/contract-names';
import type {
  CallRequest,
  CallResponse,
  ClusterSnapshot,
  EventBatch,
  EventEnvelope,
} from '../../electron/core/host/contract';
import type { ProfileList } from '../../electron/core/host/profile-contract';
import type { ClientStatus, ContractClient } from '../../renderer/src/lib/transport/contract-client';
import { clusterSnapshot, emptyCounters } from './fixtures';
import { profileList } from './profile-fixtures';

type Answers = { [N in CallName]?: (request: CallRequest<N>) => Promise<CallResult<CallResponse<N>>> };

export interface RecordedCall {
  name: CallName;
  payload: unknown;
}

/**
 * A contract client driven by a renderer test: it answers calls from a script (the snapshot and
 * the profile list by default, `{done: true}` for commands), records them, and lets the test set
 * the host status and push event batches.
 */
export function scriptedClient(snapshot: ClusterSnapshot = clusterSnapshot(), list: ProfileList = profileList()) {
  const statusListeners = new Set<(s: ClientStatus) => void>();
  const eventListeners = new Set<(batch: EventBatch) => void>();
  let seq = 0;
  const calls: RecordedCall[] = [];
  const answers: Answers = {
    'cluster.snapshot': async () => ({ ok: true, value: script.snapshot }),
    'cluster.pin': async ({ brokerId }) => ({ ok: true, value: { done: true, message: `Pinned to ${brokerId}.` } }),
    'cluster.unpin': async () => ({ ok: true, value: { done: true, message: 'Unpinned.' } }),
    'cluster.switchTo': async ({ brokerId }) => ({
      ok: true,
      value: { done: true, message: `Switched to ${brokerId}.` },
    }),
    'profiles.list': async () => ({ ok: true, value: script.list }),
    'profiles.open': async ({ name }) => ({ ok: true, value: { done: true, message: `Opened "${name}".` } }),
    'profiles.close': async () => ({ ok: true, value: { done: true, message: 'Disconnected.' } }),
    'throttle.page': async () => ({
      ok: true,
      value: {
        snapshotId: 's0',
        deltaSeq: 0,
        at: 0,
        total: 0,
        rows: [],
        nextCursor: null,
        blocks: [],
        keyTemplates: [],
        counters: emptyCounters(),
      },
    }),
    'throttle.rejections': async () => ({ ok: true, value: { counts: [], samples: [] } }),
    'demo.kill': async ({ brokerId }) => ({
      ok: true,
      value: { done: true, message: `Killed demo broker ${brokerId}.` },
    }),
    'demo.restart': async ({ brokerId }) => ({
      ok: true,
      value: { done: true, message: `Restarted demo broker ${brokerId}.` },
    }),
  };
  const client: ContractClient = {
    kind: 'web',
    call(name, payload) {
      calls.push({ name, payload });
      const answer = answers[name] as ((request: typeof payload) => Promise<CallResult<unknown>>) | undefined;
      if (!answer) throw new Error(`the scripted client has no answer for "${name}"`);
      return answer(payload) as never;
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener('connecting');
      return () => statusListeners.delete(listener);
    },
  };
  const script = {
    client,
    snapshot,
    list,
    answers,
    calls,
    setStatus: (s: ClientStatus) => {
      for (const listener of statusListeners) listener(s);
    },
    push: (events: EventEnvelope[], dropped = 0) => {
      const batch = { seq: ++seq, events, dropped };
      for (const listener of eventListeners) listener(batch);
    },
    callsOf: (name: CallName) => calls.filter((c) => c.name === name),
  };
  return script;
}
