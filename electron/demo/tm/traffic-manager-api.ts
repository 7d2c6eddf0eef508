import type { Ack, TmState } from '../../core/policy/control-message';
import type { EmbeddedBroker } from '../embedded-broker';
import type { CompiledPolicies } from '../engine/compiled-policies';
import type { BlockRecord, DeploymentSnapshot, PolicyRecord } from '../engine/deployment';
import type { Decision, EngineStats } from '../engine/throttle-engine';
import type { InputProblemsSnapshot } from './input-problems';
import type { ExternalBroker } from './mqtt-bus';
import type { MqttConnect, PeerAddress } from './peer-links';

// What a reference traffic manager is given and what it offers (see traffic-manager.ts).

export interface TrafficManagerOptions {
  tmId: string;
  /** Started by the caller; the TM owns it from here and closes it on stop. An external one it only connects to. */
  broker: EmbeddedBroker | ExternalBroker;
  peers: readonly PeerAddress[];
  /** The deployment a TM starts from before it hears from any peer. */
  seed: DeploymentSnapshot;
  clock: () => number;
  connect: MqttConnect;
  /** Pull the deployment from a peer before evaluating traffic (a restart); false for a cluster's first start. */
  pullOnStart: boolean;
  pullTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export interface DecisionEvent {
  tmId: string;
  decision: Decision;
  /** The request that changed the key's state (empty for a counter reset). */
  messageId: string;
  at: number;
}

export interface TmStats {
  requests: number;
  blocked: number;
  decisions: number;
  requestsPerSec: number;
  decisionsPerSec: number;
  engine: EngineStats;
  rejectedInput: InputProblemsSnapshot;
  control: Record<Ack['status'], number>;
  sync: {
    changesApplied: number;
    changesIgnored: number;
    snapshotsMerged: number;
    pullsAnswered: number;
    /** Changes and snapshots from peers dropped while peer sync was off. */
    missedWhileOff: number;
  };
  publishErrors: number;
  /** Messages whose handling failed unexpectedly (a bug); the TM carries on. */
  handlerErrors: number;
}

export interface TrafficManager {
  readonly tmId: string;
  readonly url: string;
  state(): TmState;
  stats(): TmStats;
  policies(): PolicyRecord[];
  blocks(): BlockRecord[];
  /** The policies as the engine evaluates them (what a gateway learns from its control plane). */
  compiledPolicies(): CompiledPolicies;
  onDecision(listener: (event: DecisionEvent) => void): () => void;
  /** Peer sync on or off (on at start): off, the TM forwards no change it applies and drops what peers send. For drills and tests. */
  setPeerSync(enabled: boolean): void;
  stop(): Promise<void>;
}
