import type { Ack, TmState } from './control-message';
import {
  isTerminal,
  type Attempt,
  type AttemptOutcome,
  type PushCommand,
  type PushEvent,
  type PushPlan,
  type PushState,
  type PushTransition,
  type Sight,
} from './push-state';
import { judgeHolding } from './sync-target';

export * from './push-state';

// The life of one push, as a pure state machine: no timers, no I/O, time arrives inside the
// events. The driver (push-driver.ts) publishes what it is told to and feeds back what happens.
//
// One push has one pushId and one revision from start to end. It goes to the first connected
// traffic manager in failover order; on no answer within the deadline, a lost connection or a
// failed publish, to the next one with the same pushId (a TM answers `duplicate` to a push it
// already has, so nothing is applied twice). `rejected` ends it. After the acknowledgement it
// watches every TM's retained state until each reports the change, or the sync deadline passes.

const NOT_CONNECTED = 'not connected';
const NO_STATE = 'no state received';

function sightOf(plan: PushPlan, state: TmState): Sight {
  if (!plan.target) return { tmId: state.tmId, holds: true, reason: '' };
  const judged = judgeHolding(state, plan.target);
  return { tmId: state.tmId, holds: judged.holds, reason: judged.holds ? '' : judged.reason };
}

class Step {
  commands: PushCommand[] = [];
  constructor(public state: PushState) {}

  patch(patch: Partial<PushState>): void {
    this.state = { ...this.state, ...patch };
  }

  endAttempt(brokerId: string, at: number, outcome: AttemptOutcome, detail: string | null): void {
    this.patch({
      attempts: this.state.attempts.map((attempt) =>
        attempt.brokerId === brokerId ? { ...attempt, endedAt: attempt.endedAt ?? at, outcome, detail } : attempt,
      ),
    });
  }

  current(): Attempt | undefined {
    return this.state.attempts.find((attempt) => attempt.outcome === 'waiting');
  }

  /** The next untried, connected broker after the last one tried; none left fails the push. */
  sendNext(at: number): void {
    const { plan, attempts, connected } = this.state;
    const tried = new Set(attempts.map((attempt) => attempt.brokerId));
    const last = attempts.at(-1);
    const from = last ? plan.order.indexOf(last.brokerId) + 1 : 0;
    const rotated = [...plan.order.slice(from), ...plan.order.slice(0, from)];
    const next = rotated.find((id) => !tried.has(id) && connected.includes(id));
    if (next === undefined) {
      this.patch({ phase: 'failed', ackDeadline: null, failure: failureMessage(this.state) });
      return;
    }
    const attempt: Attempt = {
      brokerId: next,
      sentAt: at,
      endedAt: null,
      outcome: 'waiting',
      delivered: false,
      detail: null,
    };
    this.patch({ attempts: [...attempts, attempt], ackDeadline: at + plan.ackTimeoutMs });
    this.commands.push({ type: 'publish', brokerId: next });
  }

  see(brokerId: string, sight: Sight): void {
    this.patch({ sights: { ...this.state.sights, [brokerId]: sight } });
  }

  settleIfSynced(at: number): void {
    if (this.state.phase !== 'syncing') return;
    if (this.state.plan.order.every((id) => this.state.sights[id]?.holds === true))
      this.patch({ phase: 'synced', syncDeadline: null, syncEndedAt: at });
  }

  done(at: number): PushTransition {
    return { state: { ...this.state, updatedAt: at }, commands: this.commands };
  }
}

function failureMessage(state: PushState): string {
  const { plan, attempts, connected } = state;
  const idle = plan.order.filter((id) => !attempts.some((a) => a.brokerId === id));
  if (attempts.length === 0) {
    return `No traffic manager is connected (${plan.order.join(', ')}), so nothing was sent.`;
  }
  const tried = attempts.map((a) => `${a.brokerId}: ${a.detail ?? a.outcome}`);
  const untried = idle.map((id) => `${id}: ${connected.includes(id) ? 'not tried' : NOT_CONNECTED}`);
  return (
    `No traffic manager acknowledged the push (${[...tried, ...untried].join('; ')}). ` +
    'One may have applied it without its answer reaching the console: check the sync matrix before pushing again.'
  );
}

/** Starts a push: sends it to the first connected broker in order, or fails at once when none is. */
export function startPush(
  plan: PushPlan,
  at: number,
  connected: readonly string[],
  known: Readonly<Record<string, TmState>> = {},
): PushTransition {
  const sights: Record<string, Sight> = {};
  for (const id of plan.order) {
    const state = known[id];
    sights[id] = !connected.includes(id)
      ? { tmId: null, holds: false, reason: NOT_CONNECTED }
      : state
        ? sightOf(plan, state)
        : { tmId: null, holds: false, reason: NO_STATE };
  }
  const step = new Step({
    plan,
    phase: 'awaiting-ack',
    startedAt: at,
    updatedAt: at,
    connected: plan.order.filter((id) => connected.includes(id)),
    attempts: [],
    ackDeadline: null,
    ack: null,
    rejection: null,
    failure: null,
    sights,
    syncDeadline: null,
    syncEndedAt: null,
  });
  step.sendNext(at);
  return step.done(at);
}

function onAck(step: Step, brokerId: string, at: number, ack: Ack): void {
  const { plan } = step.state;
  if (step.state.phase !== 'awaiting-ack' || ack.pushId !== plan.pushId) return;
  const current = step.current();
  if (ack.status === 'rejected') {
    step.endAttempt(brokerId, at, 'rejected', ack.reason ?? null);
    if (current && current.brokerId !== brokerId) step.endAttempt(current.brokerId, at, 'superseded', null);
    step.patch({
      phase: 'rejected',
      ackDeadline: null,
      rejection: {
        brokerId,
        tmId: ack.tmId,
        reason: ack.reason ?? 'no reason given',
        errors: ack.errors ?? [],
        revision: ack.revision,
        at,
      },
    });
    return;
  }
  const earlier = step.state.attempts.find((attempt) => attempt.brokerId === brokerId);
  const late = earlier !== undefined && earlier.outcome !== 'waiting';
  step.endAttempt(brokerId, at, 'acknowledged', late ? `answered late, after ${earlier.outcome}` : null);
  if (current && current.brokerId !== brokerId) step.endAttempt(current.brokerId, at, 'superseded', null);
  step.patch({ ack: { brokerId, tmId: ack.tmId, status: ack.status, at }, ackDeadline: null });
  if (!plan.target) {
    step.patch({ phase: 'acknowledged' });
    return;
  }
  step.patch({ phase: 'syncing', syncDeadline: at + plan.syncTimeoutMs });
  step.settleIfSynced(at);
}

function onLink(step: Step, brokerId: string, at: number, up: boolean): void {
  const { connected, phase, plan } = step.state;
  const others = connected.filter((id) => id !== brokerId);
  step.patch({ connected: up ? plan.order.filter((id) => id === brokerId || others.includes(id)) : others });
  if (up) {
    if (step.state.sights[brokerId]?.reason === NOT_CONNECTED)
      step.see(brokerId, { tmId: null, holds: false, reason: NO_STATE });
    return;
  }
  // A broker that is gone says nothing about its TM any more: it must report again.
  step.see(brokerId, { tmId: step.state.sights[brokerId]?.tmId ?? null, holds: false, reason: NOT_CONNECTED });
  const current = step.current();
  if (phase === 'awaiting-ack' && current?.brokerId === brokerId) {
    step.endAttempt(brokerId, at, 'disconnected', 'connection lost before an answer');
    step.sendNext(at);
  }
}

/** Applies one event. Events for brokers outside the plan, and anything after the end, change nothing. */
export function stepPush(state: PushState, event: PushEvent): PushTransition {
  const step = new Step(state);
  if (isTerminal(state.phase)) return { state, commands: [] };
  if ('brokerId' in event && !state.plan.order.includes(event.brokerId)) return { state, commands: [] };
  switch (event.type) {
    case 'published':
      step.patch({
        attempts: state.attempts.map((a) => (a.brokerId === event.brokerId ? { ...a, delivered: true } : a)),
      });
      break;
    case 'publish-failed':
      if (step.current()?.brokerId === event.brokerId) {
        step.endAttempt(event.brokerId, event.at, 'not-sent', event.reason);
        step.sendNext(event.at);
      }
      break;
    case 'ack':
      onAck(step, event.brokerId, event.at, event.ack);
      break;
    case 'link-up':
    case 'link-down':
      onLink(step, event.brokerId, event.at, event.type === 'link-up');
      break;
    case 'state':
      if (state.connected.includes(event.brokerId)) {
        step.see(event.brokerId, sightOf(state.plan, event.state));
        step.settleIfSynced(event.at);
      }
      break;
    case 'tick': {
      const current = step.current();
      if (state.phase === 'awaiting-ack' && current && state.ackDeadline !== null && event.at >= state.ackDeadline) {
        step.endAttempt(current.brokerId, event.at, 'no-answer', `no answer within ${state.plan.ackTimeoutMs} ms`);
        step.sendNext(event.at);
      } else if (state.phase === 'syncing' && state.syncDeadline !== null && event.at >= state.syncDeadline) {
        step.patch({ phase: 'lagging', syncDeadline: null, syncEndedAt: event.at });
      }
      break;
    }
    case 'cancel': {
      const current = step.current();
      if (state.phase === 'awaiting-ack') {
        if (current) step.endAttempt(current.brokerId, event.at, 'no-answer', event.reason);
        step.patch({ phase: 'failed', ackDeadline: null, failure: `${event.reason}: the push was not acknowledged.` });
      } else {
        step.patch({ phase: 'lagging', syncDeadline: null, syncEndedAt: event.at });
      }
      break;
    }
  }
  return step.done(event.at);
}

/** When the driver must send a tick next; null once nothing is pending. */
export function nextDeadline(state: PushState): number | null {
  if (state.phase === 'awaiting-ack') return state.ackDeadline;
  if (state.phase === 'syncing') return state.syncDeadline;
  return null;
}

/** Brokers whose TM does not show the change (yet), with why. */
export function laggingBrokers(state: PushState): { brokerId: string; tmId: string | null; reason: string }[] {
  return state.plan.order
    .map((brokerId) => ({ brokerId, sight: state.sights[brokerId] }))
    .filter(({ sight }) => sight?.holds !== true)
    .map(({ brokerId, sight }) => ({ brokerId, tmId: sight?.tmId ?? null, reason: sight?.reason ?? NO_STATE }));
}
