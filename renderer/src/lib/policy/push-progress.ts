import type { PushView } from '../../../../electron/core/policy/push-view-schema';
import type { Tone } from '../tone';

// A push as steps an operator reads top to bottom: sent → acknowledged by X after N failovers →
// synced n/N, or where and why it stopped: lagging (who and why), rejected (reasons), failed.

export type StepState = 'done' | 'current' | 'failed' | 'warn' | 'pending';

export interface PushStep {
  id: 'sent' | 'acknowledged' | 'synced';
  state: StepState;
  text: string;
  /** Lines under the step: failed attempts, lagging TMs, rejection errors. */
  details: string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const KIND_VERBS: Record<PushView['kind'], string> = {
  'policy.deploy': 'Push',
  'policy.undeploy': 'Undeploy',
  'block.add': 'Block',
  'block.remove': 'Unblock',
  'counters.reset': 'Counter reset',
};

/** The phase in a few words, for lists and the badge. */
export function phaseWords(view: PushView): string {
  switch (view.phase) {
    case 'awaiting-ack':
      return 'sent, waiting for an acknowledgement';
    case 'syncing':
      return view.sync ? `acknowledged, synced ${view.sync.synced}/${view.sync.total} so far` : 'acknowledged, syncing';
    case 'acknowledged':
      return 'acknowledged';
    case 'synced':
      return view.sync ? `synced ${view.sync.synced}/${view.sync.total}` : 'synced';
    case 'lagging':
      return view.sync ? `lagging: synced ${view.sync.synced}/${view.sync.total}` : 'lagging';
    case 'rejected':
      return 'rejected';
    case 'failed':
      return 'failed';
  }
}

export function phaseTone(view: PushView): Tone {
  switch (view.phase) {
    case 'synced':
    case 'acknowledged':
      return 'ok';
    case 'lagging':
      return 'warn';
    case 'rejected':
    case 'failed':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** 'Push of application policy "Gold", revision 4'; a counter reset names its throttle key. */
export function controlTitle(what: Pick<PushView, 'kind' | 'key' | 'subject' | 'revision'>): string {
  return what.kind === 'counters.reset'
    ? `Counter reset of ${what.key}`
    : `${KIND_VERBS[what.kind]} of ${what.subject}, revision ${what.revision}`;
}

export const pushTitle = (view: PushView): string => controlTitle(view);

function attemptLines(view: PushView): string[] {
  return view.attempts
    .filter((a) => a.outcome !== 'waiting' && a.outcome !== 'acknowledged' && a.outcome !== 'rejected')
    .map((a) => `${a.brokerId}: ${a.detail ?? a.outcome.replace('-', ' ')}`);
}

function sentStep(view: PushView, first: PushView['attempts'][number]): PushStep {
  const then = view.attempts.slice(1).map((a) => a.brokerId);
  return {
    id: 'sent',
    state: 'done',
    text: `Sent revision ${view.revision} to ${first.brokerId}${then.length > 0 ? `, then to ${then.join(', ')}` : ''}`,
    details: attemptLines(view),
  };
}

function ackStep(view: PushView): PushStep {
  if (view.ack) {
    const { tmId, brokerId, status, latencyMs } = view.ack;
    const who = tmId === brokerId ? tmId : `${tmId} (via ${brokerId})`;
    const failovers = view.failovers === 0 ? 'with no failover' : `after ${plural(view.failovers, 'failover')}`;
    const already = status === 'duplicate' ? '; it already had this revision' : '';
    return {
      id: 'acknowledged',
      state: 'done',
      text: `Acknowledged by ${who} ${failovers} (${Math.round(latencyMs)} ms)${already}`,
      details: [],
    };
  }
  if (view.phase === 'rejected' && view.rejection) {
    return {
      id: 'acknowledged',
      state: 'failed',
      text: `Rejected by ${view.rejection.tmId}: ${view.rejection.reason}. Nothing was deployed.`,
      details: view.rejection.errors.map((e) => `${e.path}: ${e.message}`),
    };
  }
  if (view.phase === 'failed') return { id: 'acknowledged', state: 'failed', text: view.message, details: [] };
  const waiting = view.attempts.find((a) => a.outcome === 'waiting');
  return {
    id: 'acknowledged',
    state: 'current',
    text: `Waiting for an acknowledgement from ${waiting?.brokerId ?? 'a traffic manager'}`,
    details: [],
  };
}

function syncStep(view: PushView): PushStep | undefined {
  if (view.kind === 'counters.reset') return undefined;
  const sync = view.sync;
  const lagging = sync?.lagging.map((l) => `${l.tmId ?? l.brokerId}: ${l.reason}`) ?? [];
  switch (view.phase) {
    case 'synced':
      return {
        id: 'synced',
        state: 'done',
        text: `synced ${sync?.synced ?? 0}/${sync?.total ?? 0}${sync?.syncedAfterMs == null ? '' : ` after ${Math.round(sync.syncedAfterMs)} ms`}`,
        details: [],
      };
    case 'lagging':
      return {
        id: 'synced',
        state: 'warn',
        text: `synced ${sync?.synced ?? 0}/${sync?.total ?? 0}; lagging: ${sync?.lagging.map((l) => l.tmId ?? l.brokerId).join(', ')}`,
        details: lagging,
      };
    case 'syncing':
      return {
        id: 'synced',
        state: 'current',
        text: `synced ${sync?.synced ?? 0}/${sync?.total ?? 0}, waiting for the others to report it`,
        details: lagging,
      };
    case 'rejected':
    case 'failed':
      return undefined;
    default:
      return { id: 'synced', state: 'pending', text: 'Every traffic manager reports it', details: [] };
  }
}

export function pushSteps(view: PushView): PushStep[] {
  const first = view.attempts[0];
  if (!first) return [{ id: 'sent', state: 'failed', text: `Not sent: ${view.message}`, details: [] }];
  const steps = [sentStep(view, first), ackStep(view)];
  const sync = syncStep(view);
  return sync ? [...steps, sync] : steps;
}
