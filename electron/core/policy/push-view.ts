import { laggingBrokers, type PushState } from './push-machine';
import type { PushView } from './push-view-schema';

export type { PushView } from './push-view-schema';

// A push as the operator sees it, from its machine state: the words "sent → acknowledged by X
// after N failovers → synced n/N" or why it failed.

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Acknowledged by tm2 after 1 failover", without the sync part; '' before any acknowledgement. */
export function ackedBy(view: Pick<PushView, 'ack' | 'failovers'>): string {
  if (!view.ack) return '';
  const { tmId, brokerId, status } = view.ack;
  const who = tmId === brokerId ? tmId : `${tmId} (via ${brokerId})`;
  const already = status === 'duplicate' ? ', which already had it' : '';
  return `Acknowledged by ${who}${already} after ${plural(view.failovers, 'failover')}`;
}

function message(state: PushState, view: Omit<PushView, 'message'>): string {
  const { plan } = state;
  const what = `${plan.subject} revision ${plan.revision}`;
  const earlier = view.attempts
    .filter((a) => a.outcome !== 'waiting')
    .map((a) => `${a.brokerId}: ${a.detail ?? a.outcome}`);
  switch (state.phase) {
    case 'awaiting-ack': {
      const current = view.attempts.find((a) => a.outcome === 'waiting');
      const after = earlier.length > 0 ? ` after ${plural(earlier.length, 'failover')} (${earlier.join('; ')})` : '';
      return `Sent ${what} to ${current?.brokerId ?? '?'}${after}; waiting for its acknowledgement.`;
    }
    case 'acknowledged':
      return `${ackedBy(view)}.`;
    case 'syncing':
    case 'synced':
    case 'lagging': {
      const sync = view.sync;
      const counted = sync ? `synced ${sync.synced}/${sync.total}` : '';
      const lag = sync?.lagging.map((l) => `${l.tmId ?? l.brokerId} (${l.reason})`).join(', ') ?? '';
      if (state.phase === 'synced') return `${ackedBy(view)}; ${counted}.`;
      if (state.phase === 'syncing') return `${ackedBy(view)}; ${counted}, waiting for ${lag}.`;
      return `${ackedBy(view)}; ${counted}; lagging: ${lag}.`;
    }
    case 'rejected':
      return `Rejected by ${state.rejection?.tmId ?? '?'}: ${state.rejection?.reason ?? 'no reason given'}. Nothing was deployed.`;
    case 'failed':
      return state.failure ?? 'The push failed.';
  }
}

export function pushView(state: PushState): PushView {
  const { plan } = state;
  const lagging = laggingBrokers(state);
  const syncing = plan.target !== null && state.ack !== null;
  const view: Omit<PushView, 'message'> = {
    pushId: plan.pushId,
    kind: plan.kind,
    key: plan.key,
    subject: plan.subject,
    revision: plan.revision,
    phase: state.phase,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
    attempts: state.attempts.map((a) => ({
      brokerId: a.brokerId,
      outcome: a.outcome,
      sentAt: a.sentAt,
      endedAt: a.endedAt,
      delivered: a.delivered,
      detail: a.detail,
    })),
    failovers: Math.max(0, state.attempts.length - 1),
    ack: state.ack && {
      brokerId: state.ack.brokerId,
      tmId: state.ack.tmId,
      status: state.ack.status,
      latencyMs: state.ack.at - state.startedAt,
    },
    rejection: state.rejection && {
      brokerId: state.rejection.brokerId,
      tmId: state.rejection.tmId,
      reason: state.rejection.reason.slice(0, 4_000),
      errors: state.rejection.errors.slice(0, 50),
      revision: state.rejection.revision,
    },
    sync: syncing
      ? {
          synced: plan.order.length - lagging.length,
          total: plan.order.length,
          lagging,
          deadline: state.syncDeadline,
          syncedAfterMs:
            state.phase === 'synced' && state.syncEndedAt !== null ? state.syncEndedAt - state.startedAt : null,
        }
      : null,
  };
  return { ...view, message: message(state, view) };
}
