import {
  decodeControlMessage,
  TOPICS,
  type Ack,
  type ControlMessage,
  type Heartbeat,
  type TmState,
} from '../../core/policy/control-message';
import { compileBlocks, compilePolicies } from '../engine/compile-deployment';
import { emptyPolicies } from '../engine/compiled-policies';
import { Deployment, type Effect } from '../engine/deployment';
import { decodeRequestEvent } from '../engine/request-event';
import { ThrottleEngine, type Decision } from '../engine/throttle-engine';
import { blockingMessage, decisionMessage, keyTemplateMessage } from '../engine/throttle-messages';
import { InputProblems } from './input-problems';
import { localBus, type LocalBus } from './local-bus';
import { mqttBus, type RemoteBus } from './mqtt-bus';
import { PeerLinks } from './peer-links';
import { decodeSyncMessage, fromWire, snapshotMessage, type SyncMessage } from './sync-message';
import { deployedEntries } from './tm-state';
import type { DecisionEvent, TmStats, TrafficManager, TrafficManagerOptions } from './traffic-manager-api';

// A reference traffic manager: the broker inside it, the throttle engine behind it, control
// messages from the console, peer synchronization, retained state and a heartbeat.

export async function startTrafficManager(options: TrafficManagerOptions): Promise<TrafficManager> {
  const { tmId, broker, clock } = options;
  const startedAt = clock();
  const deployment = new Deployment();
  const engine = new ThrottleEngine();
  const problems = new InputProblems();
  const listeners = new Set<(event: DecisionEvent) => void>();
  const counts = { requests: 0, blocked: 0, decisions: 0, publishErrors: 0, handlerErrors: 0 };
  const control: TmStats['control'] = { applied: 0, duplicate: 0, rejected: 0 };
  const sync: TmStats['sync'] = {
    changesApplied: 0,
    changesIgnored: 0,
    snapshotsMerged: 0,
    pullsAnswered: 0,
    missedWhileOff: 0,
  };
  let peerSync = true;
  const rates = { requestsPerSec: 0, decisionsPerSec: 0 };
  let phase: TmState['phase'] = 'syncing';
  let syncedFrom: string | null = null;
  let compiled = emptyPolicies();

  const busErrors = {
    onPublishError: () => {
      counts.publishErrors += 1;
    },
    onHandlerError: () => {
      counts.handlerErrors += 1;
    },
  };
  let external: RemoteBus | undefined;
  let bus: LocalBus;
  if ('aedes' in broker) bus = localBus(broker.aedes, busErrors);
  else {
    // A restarted external broker lost the retained state, and any deployment a peer offered
    // while it was down: announce the state again and pull from a peer.
    external = await mqttBus(broker.url, options.connect, busErrors, () => {
      publishState();
      void resync();
    });
    bus = external;
  }

  const state = (): TmState => ({
    tmId,
    startedAt,
    phase,
    syncedFrom,
    ...deployedEntries(deployment),
    peers: peers.status(),
  });

  const publishState = (): void => bus.publish(TOPICS.state(tmId), JSON.stringify(state()), { qos: 1, retain: true });

  function publishDecision(decision: Decision, messageId: string): void {
    counts.decisions += 1;
    bus.publish(TOPICS.throttleData, decisionMessage(decision), { qos: 0 });
    const event = { tmId, decision, messageId, at: clock() };
    for (const listener of listeners) listener(event);
  }

  function run(effects: readonly Effect[]): void {
    let policiesChanged = false;
    let blocksChanged = false;
    for (const effect of effects) {
      switch (effect.kind) {
        case 'policy-set':
        case 'policy-removed': {
          policiesChanged = true;
          const { typed } = effect.record;
          if (typed.policyType === 'custom')
            bus.publish(
              TOPICS.throttleData,
              keyTemplateMessage(typed.policy.keyTemplate, effect.kind === 'policy-set'),
              {
                qos: 0,
              },
            );
          break;
        }
        case 'block-set':
        case 'block-removed':
          blocksChanged = true;
          bus.publish(TOPICS.throttleData, blockingMessage(effect.record, effect.kind === 'block-set'), { qos: 0 });
          break;
        case 'counters-reset': {
          const decision = engine.reset(effect.throttleKey);
          if (decision) publishDecision(decision, '');
          break;
        }
      }
    }
    if (policiesChanged) {
      compiled = compilePolicies(deployment.policies());
      engine.setPolicies(compiled);
    }
    if (blocksChanged) engine.setBlocks(compileBlocks(deployment.blocks()));
    if (policiesChanged || blocksChanged) publishState();
  }

  const peers = new PeerLinks(options.peers, {
    self: tmId,
    connect: options.connect,
    offer: () => snapshotMessage(tmId, deployment.snapshot()),
    onStatusChange: () => publishState(),
  });

  function onControl(payload: Buffer): void {
    const decoded = decodeControlMessage(payload);
    if (!decoded.ok) {
      problems.record(
        clock(),
        TOPICS.control,
        decoded.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        payload,
      );
      if (decoded.replyTo === undefined) return;
      const reason = decoded.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      answer(decoded.replyTo, {
        pushId: decoded.pushId ?? '',
        tmId,
        status: 'rejected',
        revision: 0,
        reason,
        errors: decoded.errors,
      });
      return;
    }
    const { message } = decoded;
    const result = deployment.apply(message);
    if (result.status === 'applied') {
      run(result.effects);
      if (peerSync) peers.broadcast(JSON.stringify({ kind: 'change', from: tmId, message } satisfies SyncMessage));
      answer(message.replyTo, { pushId: message.pushId, tmId, status: 'applied', revision: result.revision });
    } else {
      answer(message.replyTo, {
        pushId: message.pushId,
        tmId,
        status: result.status,
        revision: result.revision,
        reason: result.reason,
      });
    }
  }

  function answer(replyTo: string, ack: Ack): void {
    control[ack.status] += 1;
    bus.publish(replyTo, JSON.stringify(ack), { qos: 1 });
  }

  function applyFromPeer(message: ControlMessage): void {
    const result = deployment.apply(message);
    if (result.status === 'applied') {
      sync.changesApplied += 1;
      run(result.effects);
    } else sync.changesIgnored += 1;
  }

  function onSync(payload: Buffer): void {
    const decoded = decodeSyncMessage(payload);
    if (!decoded.ok) {
      problems.record(clock(), TOPICS.sync, decoded.reason, payload);
      return;
    }
    const { message } = decoded;
    if (message.from === tmId) return;
    if (!peerSync && message.kind !== 'pull') {
      sync.missedWhileOff += 1;
      return;
    }
    switch (message.kind) {
      case 'change':
        applyFromPeer(message.message);
        break;
      case 'pull':
        sync.pullsAnswered += 1;
        bus.publish(message.replyTo, snapshotMessage(tmId, deployment.snapshot(), message.requestId), { qos: 1 });
        break;
      case 'snapshot':
        sync.snapshotsMerged += 1;
        run(deployment.merge(fromWire(message.entries, message.pushIds)));
        break;
    }
  }

  async function resync(): Promise<void> {
    const pulled = await peers.pull(options.pullTimeoutMs ?? 1_500);
    if (pulled) run(deployment.merge(pulled.snapshot));
  }

  function onRequest(payload: Buffer): void {
    counts.requests += 1;
    const decoded = decodeRequestEvent(payload);
    if (!decoded.ok) {
      problems.record(clock(), TOPICS.requests, decoded.reason, payload);
      return;
    }
    const outcome = engine.evaluate(decoded.request, clock());
    if (outcome.blockedBy !== undefined) counts.blocked += 1;
    for (const decision of outcome.decisions) publishDecision(decision, decoded.request.event.messageID);
  }

  run(deployment.merge(options.seed));
  const unsubscribers = [await bus.subscribe(TOPICS.control, onControl), await bus.subscribe(TOPICS.sync, onSync)];
  publishState();
  peers.start();
  if (options.pullOnStart) {
    const pulled = await peers.pull(options.pullTimeoutMs ?? 1_500);
    if (pulled) {
      syncedFrom = pulled.from;
      run(deployment.merge(pulled.snapshot));
    }
  }
  // Only now, with the deployment in place, does the TM hear request events.
  unsubscribers.push(await bus.subscribe(TOPICS.requests, onRequest));
  phase = 'serving';
  publishState();

  // Rates over the heartbeat interval (timer time), so an injected clock that stands still in a
  // test does not distort them; `ts` is the injected clock's time.
  const interval = options.heartbeatIntervalMs ?? 1_000;
  let seq = 0;
  let last = { requests: counts.requests, decisions: counts.decisions };
  const heartbeat = setInterval(() => {
    rates.requestsPerSec = ((counts.requests - last.requests) * 1000) / interval;
    rates.decisionsPerSec = ((counts.decisions - last.decisions) * 1000) / interval;
    last = { requests: counts.requests, decisions: counts.decisions };
    const beat: Heartbeat = { tmId, seq, ts: clock(), ...rates };
    seq += 1;
    bus.publish(TOPICS.heartbeat(tmId), JSON.stringify(beat), { qos: 0 });
  }, interval);

  let stopped = false;
  return {
    tmId,
    url: broker.url,
    state,
    stats: () => ({
      ...counts,
      ...rates,
      engine: engine.stats(),
      rejectedInput: problems.snapshot(),
      control: { ...control },
      sync: { ...sync },
    }),
    policies: () => deployment.policies(),
    blocks: () => deployment.blocks(),
    compiledPolicies: () => compiled,
    onDecision(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPeerSync(enabled) {
      peerSync = enabled;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      await Promise.all(unsubscribers.map((unsubscribe) => unsubscribe()));
      await peers.stop();
      await ('aedes' in broker ? broker.close() : external?.close());
    },
  };
}
