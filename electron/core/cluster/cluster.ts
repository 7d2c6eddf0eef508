import type { ClusterSnapshot, CommandOutcome, FailoverStatus, LinkSnapshot } from '../host/contract';
import type { Profile } from '../profile/profile-schema';
import { BrokerLink, type Connector } from './broker-link';
import {
  initialFailoverState,
  stepFailover,
  type FailoverEvent,
  type FailoverNotice,
  type FailoverState,
  type SwitchEvent,
} from './failover-policy';
import type { LinkConfig } from './link-config';
import { SwitchTimeline } from './switch-timeline';

export interface ClusterDeps {
  connector: Connector;
  clock: () => number;
  random: () => number;
}

export type ClusterEvent =
  | { type: 'link'; link: LinkSnapshot }
  | { type: 'switch'; event: SwitchEvent }
  | { type: 'failover'; status: FailoverStatus }
  | { type: 'notice'; notice: FailoverNotice }
  | { type: 'message'; brokerId: string; topic: string; payload: Buffer; receivedAt: number };

/** What a cluster knows of itself; the session adds why none is open and the demo brokers. */
export type ClusterState = Omit<ClusterSnapshot, 'problem' | 'demoBrokers'>;

export interface Cluster {
  start(): void;
  stop(): Promise<void>;
  snapshot(): ClusterState;
  pin(brokerId: string): CommandOutcome;
  unpin(): CommandOutcome;
  switchTo(brokerId: string): CommandOutcome;
  /** The active broker's link, for control messages. */
  activeLink(): BrokerLink | undefined;
  links(): readonly BrokerLink[];
  /** Broker ids in the order control messages fail over: the active one first, then the next by the mode. */
  failoverOrder(): string[];
  on(listener: (event: ClusterEvent) => void): () => void;
}

// Failback holds are checked on this tick; link metrics (RTT, rates) are published every second.
const TICK_MS = 250;
const METRICS_EVERY_TICKS = 4;

/** Every broker of a profile linked at once (hot standby), one active by the failover policy. */
export function createCluster(profile: Profile, configs: readonly LinkConfig[], deps: ClusterDeps): Cluster {
  const listeners = new Set<(event: ClusterEvent) => void>();
  const emit = (event: ClusterEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const timeline = new SwitchTimeline();
  let state: FailoverState = initialFailoverState(
    configs.map((c) => c.brokerId),
    profile.failover,
  );
  let ticker: ReturnType<typeof setInterval> | undefined;
  let ticks = 0;

  const status = (): FailoverStatus => ({
    mode: state.settings.mode,
    active: state.active,
    pinned: state.pinned,
    manual: state.manual,
    unreachable: state.unreachable,
  });

  function apply(event: FailoverEvent): FailoverNotice[] {
    const before = status();
    const transition = stepFailover(state, event);
    state = transition.state;
    for (const change of transition.switches) {
      timeline.add(change);
      emit({ type: 'switch', event: change });
    }
    for (const notice of transition.notices) emit({ type: 'notice', notice });
    const after = status();
    const changed = (Object.keys(after) as (keyof FailoverStatus)[]).some((field) => before[field] !== after[field]);
    if (changed) emit({ type: 'failover', status: after });
    return transition.notices;
  }

  const links = configs.map((config) => {
    const link: BrokerLink = new BrokerLink(config, deps, {
      onChange: () => emit({ type: 'link', link: link.snapshot() }),
      onUp: (at) => apply({ type: 'link-up', brokerId: config.brokerId, at }),
      onDown: (at, cause, detectedAfterMs) =>
        apply({ type: 'link-down', brokerId: config.brokerId, at, cause, detectedAfterMs }),
      onAttemptFailed: (at) => apply({ type: 'attempt-failed', brokerId: config.brokerId, at }),
      onMessage: (topic, payload, receivedAt) =>
        emit({ type: 'message', brokerId: config.brokerId, topic, payload, receivedAt }),
    });
    return link;
  });

  function command(event: FailoverEvent, success: () => string): CommandOutcome {
    const refused = apply(event).find((n) => n.type === 'refused');
    return refused?.type === 'refused' ? { done: false, message: refused.message } : { done: true, message: success() };
  }

  return {
    start() {
      links.forEach((link) => link.start());
      ticker ??= setInterval(() => {
        apply({ type: 'tick', at: deps.clock() });
        ticks += 1;
        if (ticks % METRICS_EVERY_TICKS === 0) for (const link of links) emit({ type: 'link', link: link.snapshot() });
      }, TICK_MS);
    },
    async stop() {
      clearInterval(ticker);
      ticker = undefined;
      await Promise.all(links.map((link) => link.stop()));
    },
    snapshot: () => ({
      profileName: profile.name,
      links: links.map((link) => link.snapshot()),
      failover: status(),
      timeline: timeline.list(),
      timelineDropped: timeline.dropped,
    }),
    pin: (brokerId) =>
      command({ type: 'pin', brokerId, at: deps.clock() }, () =>
        state.active === brokerId
          ? `Pinned to ${brokerId}.`
          : `Pinned to ${brokerId}; it becomes active when it connects.`,
      ),
    unpin: () => command({ type: 'unpin', at: deps.clock() }, () => 'Unpinned: the failover policy chooses again.'),
    switchTo: (brokerId) =>
      command({ type: 'switch-to', brokerId, at: deps.clock() }, () => `Switched to ${brokerId}.`),
    activeLink: () => links.find((link) => link.brokerId === state.active),
    links: () => links,
    failoverOrder() {
      const { order, active } = state;
      if (active === null) return [...order];
      const at = order.indexOf(active);
      // Sticky mode moves on to the broker after the active one; priority goes back to the list's top.
      const rest =
        state.settings.mode === 'sticky'
          ? [...order.slice(at + 1), ...order.slice(0, at)]
          : order.filter((id) => id !== active);
      return [active, ...rest];
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
