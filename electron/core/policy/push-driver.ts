import type { Cluster } from '../cluster/cluster';
import type { TmState } from './control-message';
import {
  isTerminal,
  nextDeadline,
  startPush,
  stepPush,
  type PushCommand,
  type PushEvent,
  type PushPlan,
  type PushState,
} from './push-machine';
import { pushView, type PushView } from './push-view';
import { decodeAck } from './tm-report';
import type { TmStateTracker } from './tm-state-tracker';

// Runs one push-lifecycle machine against the open cluster: publishes what it asks for (QoS 1,
// on the chosen broker's link, replies to that link's own acknowledgement topic), feeds it the
// acknowledgements, link changes and retained states, and ticks it at its deadlines. mqtt.js's
// publish promise is never awaited: it can stay pending forever after a reset, and the machine's
// own acknowledgement deadline decides instead.

export interface PushDriverDeps {
  cluster: Cluster;
  tracker: TmStateTracker;
  topics: { control: string; ackPrefix: string };
  clock: () => number;
  /** Who pushes, as the control message's `issuedBy`. */
  issuedBy: string;
}

export interface PushRun {
  readonly pushId: string;
  view(): PushView;
  /** Resolves with the final view: acknowledged, synced, lagging, rejected or failed. Never rejects. */
  readonly done: Promise<PushView>;
  cancel(reason: string): void;
}

export function runPush(
  deps: PushDriverDeps,
  plan: PushPlan,
  body: unknown,
  onProgress: (view: PushView) => void,
): PushRun {
  const { cluster, tracker, clock } = deps;
  const linkOf = (brokerId: string) => cluster.links().find((link) => link.brokerId === brokerId);
  const ackTopic = (clientId: string): string => `${deps.topics.ackPrefix}/${clientId}`;
  const connectivity = new Map(cluster.links().map((link) => [link.brokerId, link.isConnected]));

  let resolveDone: (view: PushView) => void = () => undefined;
  const done = new Promise<PushView>((resolve) => (resolveDone = resolve));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = '';
  const queue: PushEvent[] = [];
  let draining = false;

  const known: Record<string, TmState> = {};
  for (const id of plan.order) {
    const tracked = tracker.stateOf(id);
    if (tracked?.live) known[id] = tracked.state;
  }
  const connected = plan.order.filter((id) => connectivity.get(id) === true);
  let state: PushState;

  function publish(command: PushCommand): void {
    const link = linkOf(command.brokerId);
    const at = clock();
    if (!link) {
      queue.push({ type: 'publish-failed', brokerId: command.brokerId, at, reason: 'no such broker in the profile' });
      return;
    }
    const message = {
      pushId: plan.pushId,
      kind: plan.kind,
      revision: plan.revision,
      body,
      replyTo: ackTopic(link.clientId),
      issuedAt: at,
      issuedBy: deps.issuedBy,
    };
    const sent = link.publish(deps.topics.control, JSON.stringify(message), 1);
    if (!sent) {
      queue.push({ type: 'publish-failed', brokerId: link.brokerId, at, reason: 'not connected' });
      return;
    }
    sent.then(
      () => feed({ type: 'published', brokerId: link.brokerId, at: clock() }),
      (error: unknown) =>
        feed({
          type: 'publish-failed',
          brokerId: link.brokerId,
          at: clock(),
          reason: `publish failed: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
  }

  function settle(commands: readonly PushCommand[]): void {
    for (const command of commands) publish(command);
  }

  function afterStep(): void {
    const view = pushView(state);
    const text = JSON.stringify(view);
    if (text !== lastSent) {
      lastSent = text;
      onProgress(view);
    }
    clearTimeout(timer);
    timer = undefined;
    if (isTerminal(state.phase)) {
      offCluster();
      offTracker();
      resolveDone(view);
      return;
    }
    const deadline = nextDeadline(state);
    if (deadline !== null)
      timer = setTimeout(() => feed({ type: 'tick', at: clock() }), Math.max(0, deadline - clock()));
  }

  /** Events raised while one is handled (a publish that fails at once) wait their turn. */
  function feed(event: PushEvent): void {
    queue.push(event);
    if (!draining) drain();
  }

  function drain(): void {
    draining = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const transition = stepPush(state, next);
        state = transition.state;
        settle(transition.commands);
      }
    } finally {
      draining = false;
    }
    afterStep();
  }

  const offCluster = cluster.on((event) => {
    if (event.type === 'link') {
      const { brokerId } = event.link;
      const up = event.link.state === 'connected';
      if (connectivity.get(brokerId) === up) return;
      connectivity.set(brokerId, up);
      feed({ type: up ? 'link-up' : 'link-down', brokerId, at: clock() });
      return;
    }
    if (event.type !== 'message') return;
    const link = linkOf(event.brokerId);
    if (!link || event.topic !== ackTopic(link.clientId)) return;
    const decoded = decodeAck(event.payload);
    if (!decoded.ok || decoded.value.pushId !== plan.pushId) return;
    tracker.learn(event.brokerId, decoded.value.tmId);
    feed({ type: 'ack', brokerId: event.brokerId, at: event.receivedAt, ack: decoded.value });
  });
  const offTracker = tracker.on((brokerId) => {
    const tracked = tracker.stateOf(brokerId);
    if (tracked?.live) feed({ type: 'state', brokerId, at: clock(), state: tracked.state });
  });

  const started = startPush(plan, clock(), connected, known);
  state = started.state;
  draining = true;
  settle(started.commands);
  drain();

  return {
    pushId: plan.pushId,
    view: () => pushView(state),
    done,
    cancel: (reason) => feed({ type: 'cancel', at: clock(), reason }),
  };
}
