import type { ClusterEvent } from '../cluster/cluster';
import type { TmState } from './control-message';
import { decodeAck, decodeTmState } from './tm-report';

// The latest retained state of the traffic manager behind each broker, from the console's own
// subscriptions to `<tmPrefix>/+/state`; acknowledgements that cannot be read are counted here. Which TM is behind a broker: the one whose
// acknowledgement came back through it, else the one named like the broker, else the only (or
// first) one seen on it — brokers that bridge each other carry every TM's state.

export interface TrackedState {
  brokerId: string;
  tmId: string;
  state: TmState;
  receivedAt: number;
  /** False while the broker's link is down: the state may be stale. */
  live: boolean;
}

export interface TrackerStats {
  /** States and acknowledgements that could not be read (each counted once, whichever push waits). */
  malformed: number;
  /** States of further TMs on one broker beyond the cap. */
  dropped: number;
  lastProblem: string | null;
}

export interface TmStateTracker {
  handle(event: ClusterEvent): void;
  stateOf(brokerId: string): TrackedState | undefined;
  /** A TM answered through this broker: it is the one behind it. */
  learn(brokerId: string, tmId: string): void;
  on(listener: (brokerId: string) => void): () => void;
  reset(): void;
  stats(): TrackerStats;
}

export const MAX_TMS_PER_BROKER = 32;

interface BrokerStates {
  connected: boolean;
  /** In arrival order of the first state from each TM. */
  byTm: Map<string, { state: TmState; receivedAt: number }>;
  ackedTmId: string | undefined;
}

export interface TrackedTopics {
  tmPrefix: string;
  ackPrefix: string;
}

export function createTmStateTracker(topics: () => TrackedTopics): TmStateTracker {
  const brokers = new Map<string, BrokerStates>();
  const listeners = new Set<(brokerId: string) => void>();
  const counts: TrackerStats = { malformed: 0, dropped: 0, lastProblem: null };

  const brokerOf = (brokerId: string): BrokerStates => {
    let found = brokers.get(brokerId);
    if (!found) {
      found = { connected: false, byTm: new Map(), ackedTmId: undefined };
      brokers.set(brokerId, found);
    }
    return found;
  };
  const notify = (brokerId: string): void => {
    for (const listener of listeners) listener(brokerId);
  };
  const problem = (text: string): void => {
    counts.malformed += 1;
    counts.lastProblem = text;
  };

  function onMessage(brokerId: string, topic: string, payload: Buffer, receivedAt: number): void {
    const { tmPrefix, ackPrefix } = topics();
    if (topic.startsWith(`${ackPrefix}/`)) {
      const ack = decodeAck(payload);
      if (!ack.ok) problem(`${brokerId} ${topic}: ${ack.reason}`);
      return;
    }
    const prefix = `${tmPrefix}/`;
    if (!topic.startsWith(prefix) || !topic.endsWith('/state')) return;
    const topicTm = topic.slice(prefix.length, -'/state'.length);
    const broker = brokerOf(brokerId);
    if (payload.length === 0) {
      // An empty retained message clears the TM's state.
      if (broker.byTm.delete(topicTm)) notify(brokerId);
      return;
    }
    const decoded = decodeTmState(payload);
    if (!decoded.ok) return problem(`${brokerId} ${topic}: ${decoded.reason}`);
    if (decoded.value.tmId !== topicTm)
      return problem(`${brokerId} ${topic}: the state names traffic manager "${decoded.value.tmId}"`);
    if (!broker.byTm.has(topicTm) && broker.byTm.size >= MAX_TMS_PER_BROKER) {
      counts.dropped += 1;
      return;
    }
    broker.byTm.set(topicTm, { state: decoded.value, receivedAt });
    notify(brokerId);
  }

  return {
    handle(event) {
      if (event.type === 'message') onMessage(event.brokerId, event.topic, event.payload, event.receivedAt);
      else if (event.type === 'link') {
        const broker = brokerOf(event.link.brokerId);
        const connected = event.link.state === 'connected';
        if (connected === broker.connected) return;
        broker.connected = connected;
        notify(event.link.brokerId);
      }
    },
    stateOf(brokerId) {
      const broker = brokers.get(brokerId);
      if (!broker || broker.byTm.size === 0) return undefined;
      const tmId =
        [broker.ackedTmId, brokerId].find((id) => id !== undefined && broker.byTm.has(id)) ??
        broker.byTm.keys().next().value;
      const found = tmId === undefined ? undefined : broker.byTm.get(tmId);
      if (tmId === undefined || !found) return undefined;
      return { brokerId, tmId, state: found.state, receivedAt: found.receivedAt, live: broker.connected };
    },
    learn(brokerId, tmId) {
      const broker = brokerOf(brokerId);
      if (broker.ackedTmId === tmId) return;
      broker.ackedTmId = tmId;
      notify(brokerId);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      brokers.clear();
    },
    stats: () => ({ ...counts }),
  };
}
