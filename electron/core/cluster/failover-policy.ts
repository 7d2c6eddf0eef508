// The failover policy: a pure state machine from link events and operator commands to the
// active broker. No timers, no I/O: time arrives inside the events, so every order of events can
// be replayed in a test.

export type FailoverMode = 'priority' | 'sticky';
export type SwitchReason = 'died' | 'partition' | 'manual' | 'failback' | 'pinned' | 'first-connect';
export type DownCause = 'died' | 'partition';

export interface SwitchEvent {
  at: number;
  from: string | null;
  to: string | null;
  reason: SwitchReason;
  /** Silence before the fault was declared (died, partition); 0 for operator and policy switches. */
  detectedAfterMs: number;
}

export interface FailoverSettings {
  mode: FailoverMode;
  retries: number;
  cyclecount: number;
  failbackHoldMs: number;
}

export interface BrokerHealth {
  up: boolean;
  /** When the broker last came up; null while down. */
  upSince: number | null;
  /** Failed attempts and lost connections since it last proved stable. */
  failures: number;
  /** Failed attempts while no broker at all was up: counts passes over the list. */
  failuresWhileAllDown: number;
}

export interface FailoverState {
  settings: FailoverSettings;
  order: readonly string[];
  brokers: Readonly<Record<string, BrokerHealth>>;
  active: string | null;
  pinned: string | null;
  /** The operator chose the active broker by hand: no failback until it changes otherwise. */
  manual: boolean;
  unreachable: boolean;
}

export type FailoverEvent =
  | { type: 'link-up'; brokerId: string; at: number }
  | { type: 'link-down'; brokerId: string; at: number; cause: DownCause; detectedAfterMs: number }
  | { type: 'attempt-failed'; brokerId: string; at: number }
  | { type: 'tick'; at: number }
  | { type: 'pin'; brokerId: string; at: number }
  | { type: 'unpin'; at: number }
  | { type: 'switch-to'; brokerId: string; at: number };

export type FailoverNotice =
  | { type: 'all-unreachable'; at: number; passes: number }
  | { type: 'reachable-again'; at: number }
  | { type: 'refused'; at: number; message: string };

export interface Transition {
  state: FailoverState;
  switches: SwitchEvent[];
  notices: FailoverNotice[];
}

export function initialFailoverState(order: readonly string[], settings: FailoverSettings): FailoverState {
  const brokers: Record<string, BrokerHealth> = {};
  for (const id of order) brokers[id] = { up: false, upSince: null, failures: 0, failuresWhileAllDown: 0 };
  return { settings, order, brokers, active: null, pinned: null, manual: false, unreachable: false };
}

function health(state: FailoverState, id: string): BrokerHealth {
  const found = state.brokers[id];
  if (!found) throw new Error(`unknown broker "${id}"`);
  return found;
}

/** Selectable: up, and either under the retry budget or stable for the hold time since. */
function usable(state: FailoverState, id: string, at: number): boolean {
  const h = health(state, id);
  if (!h.up) return false;
  if (h.failures < Math.max(1, state.settings.retries)) return true;
  return h.upSince !== null && at - h.upSince >= state.settings.failbackHoldMs;
}

/** The broker the mode prefers, starting after `after` in sticky mode. Falls back to any up one. */
function choose(state: FailoverState, at: number, after: string | null): string | null {
  const order = state.order;
  const start = state.settings.mode === 'sticky' && after !== null ? order.indexOf(after) + 1 : 0;
  const rotated = [...order.slice(start), ...order.slice(0, start)];
  return rotated.find((id) => usable(state, id, at)) ?? rotated.find((id) => health(state, id).up) ?? null;
}

function withBroker(state: FailoverState, id: string, patch: Partial<BrokerHealth>): FailoverState {
  return { ...state, brokers: { ...state.brokers, [id]: { ...health(state, id), ...patch } } };
}

function anyUp(state: FailoverState): boolean {
  return state.order.some((id) => health(state, id).up);
}

class Step {
  switches: SwitchEvent[] = [];
  notices: FailoverNotice[] = [];
  constructor(public state: FailoverState) {}

  moveTo(to: string | null, at: number, reason: SwitchReason, detectedAfterMs = 0, manual = false): void {
    const from = this.state.active;
    this.state = { ...this.state, active: to, manual };
    if (from !== to) this.switches.push({ at, from, to, reason, detectedAfterMs });
  }

  done(): Transition {
    return { state: this.state, switches: this.switches, notices: this.notices };
  }
}

function linkUp(step: Step, brokerId: string, at: number): void {
  const wasUnreachable = step.state.unreachable;
  step.state = withBroker(step.state, brokerId, { up: true, upSince: at });
  if (!step.state.order.some((id) => id !== brokerId && health(step.state, id).up)) {
    for (const id of step.state.order) step.state = withBroker(step.state, id, { failuresWhileAllDown: 0 });
  }
  if (wasUnreachable) {
    step.state = { ...step.state, unreachable: false };
    step.notices.push({ type: 'reachable-again', at });
  }
  const { active, pinned } = step.state;
  if (pinned === brokerId && active !== brokerId) step.moveTo(brokerId, at, 'pinned');
  else if (active === null) step.moveTo(choose(step.state, at, null), at, 'first-connect');
}

function linkDown(step: Step, brokerId: string, at: number, cause: DownCause, detectedAfterMs: number): void {
  const h = health(step.state, brokerId);
  step.state = withBroker(step.state, brokerId, { up: false, upSince: null, failures: h.failures + 1 });
  if (step.state.active === brokerId) step.moveTo(choose(step.state, at, brokerId), at, cause, detectedAfterMs);
}

function attemptFailed(step: Step, brokerId: string, at: number): void {
  const h = health(step.state, brokerId);
  const allDown = !anyUp(step.state);
  step.state = withBroker(step.state, brokerId, {
    failures: h.failures + 1,
    failuresWhileAllDown: allDown ? h.failuresWhileAllDown + 1 : 0,
  });
  if (!allDown || step.state.unreachable) return;
  const passes = Math.min(...step.state.order.map((id) => health(step.state, id).failuresWhileAllDown));
  if (passes >= step.state.settings.cyclecount) {
    step.state = { ...step.state, unreachable: true };
    step.notices.push({ type: 'all-unreachable', at, passes });
  }
}

function tick(step: Step, at: number): void {
  const { state } = step;
  // Failures are forgiven once a broker has been up for the hold time.
  for (const id of state.order) {
    const h = health(step.state, id);
    if (h.up && h.failures > 0 && h.upSince !== null && at - h.upSince >= state.settings.failbackHoldMs) {
      step.state = withBroker(step.state, id, { failures: 0 });
    }
  }
  if (state.settings.mode !== 'priority' || state.pinned !== null || state.manual || state.active === null) return;
  const activeIndex = state.order.indexOf(state.active);
  const preferred = state.order.slice(0, activeIndex).find((id) => {
    const h = health(step.state, id);
    return h.up && h.upSince !== null && at - h.upSince >= state.settings.failbackHoldMs;
  });
  if (preferred !== undefined) step.moveTo(preferred, at, 'failback');
}

function pin(step: Step, brokerId: string, at: number): void {
  step.state = { ...step.state, pinned: brokerId };
  if (health(step.state, brokerId).up) step.moveTo(brokerId, at, 'pinned');
}

function switchTo(step: Step, brokerId: string, at: number): void {
  const { pinned } = step.state;
  if (pinned !== null && pinned !== brokerId) {
    step.notices.push({ type: 'refused', at, message: `${pinned} is pinned: unpin it before switching by hand.` });
  } else if (!health(step.state, brokerId).up) {
    step.notices.push({
      type: 'refused',
      at,
      message: `${brokerId} is not connected: the console can only switch to a connected traffic manager.`,
    });
  } else {
    step.moveTo(brokerId, at, 'manual', 0, true);
  }
}

export function stepFailover(state: FailoverState, event: FailoverEvent): Transition {
  const step = new Step(state);
  if ('brokerId' in event && !(event.brokerId in state.brokers)) {
    step.notices.push({
      type: 'refused',
      at: event.at,
      message: `There is no traffic manager "${event.brokerId}" in this profile.`,
    });
    return step.done();
  }
  switch (event.type) {
    case 'link-up':
      linkUp(step, event.brokerId, event.at);
      break;
    case 'link-down':
      linkDown(step, event.brokerId, event.at, event.cause, event.detectedAfterMs);
      break;
    case 'attempt-failed':
      attemptFailed(step, event.brokerId, event.at);
      break;
    case 'tick':
      tick(step, event.at);
      break;
    case 'pin':
      pin(step, event.brokerId, event.at);
      break;
    case 'unpin':
      step.state = { ...step.state, pinned: null };
      tick(step, event.at);
      break;
    case 'switch-to':
      switchTo(step, event.brokerId, event.at);
      break;
  }
  return step.done();
}
