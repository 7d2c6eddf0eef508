import type { Ack, ControlKind, TmState } from './control-message';
import type { SyncTarget } from './sync-target';

// The data of the push lifecycle (push-machine.ts): its plan, state, events and commands.

export interface PushPlan {
  pushId: string;
  kind: ControlKind;
  /** `<kind>:<name>` of what is pushed (a throttle key for a counter reset). */
  key: string;
  /** What is pushed, in words: 'application policy "Gold"'. */
  subject: string;
  revision: number;
  /** Broker ids in failover order at the start, the active one first. */
  order: readonly string[];
  /** What each TM must report once synchronized; null when there is nothing to see (a counter reset). */
  target: SyncTarget | null;
  ackTimeoutMs: number;
  syncTimeoutMs: number;
}

export type AttemptOutcome =
  | 'waiting'
  | 'acknowledged'
  | 'rejected'
  | 'no-answer'
  | 'disconnected'
  | 'not-sent'
  /** Another TM's acknowledgement arrived first. */
  | 'superseded';

export interface Attempt {
  brokerId: string;
  sentAt: number;
  endedAt: number | null;
  outcome: AttemptOutcome;
  /** The broker took the message (PUBACK); says nothing about the TM behind it. */
  delivered: boolean;
  detail: string | null;
}

export type PushPhase = 'awaiting-ack' | 'syncing' | 'acknowledged' | 'synced' | 'lagging' | 'rejected' | 'failed';

export const TERMINAL_PHASES: readonly PushPhase[] = ['acknowledged', 'synced', 'lagging', 'rejected', 'failed'];

export interface AckRecord {
  brokerId: string;
  tmId: string;
  status: 'applied' | 'duplicate';
  at: number;
}

export interface Rejection {
  brokerId: string;
  tmId: string;
  reason: string;
  errors: { path: string; message: string }[];
  /** What the TM holds for the target. */
  revision: number;
  at: number;
}

/** What one broker's traffic manager shows about the push's target. */
export interface Sight {
  tmId: string | null;
  holds: boolean;
  reason: string;
}

export interface PushState {
  plan: PushPlan;
  phase: PushPhase;
  startedAt: number;
  updatedAt: number;
  connected: readonly string[];
  attempts: readonly Attempt[];
  ackDeadline: number | null;
  ack: AckRecord | null;
  rejection: Rejection | null;
  failure: string | null;
  sights: Readonly<Record<string, Sight>>;
  syncDeadline: number | null;
  syncEndedAt: number | null;
}

export type PushEvent =
  | { type: 'published'; brokerId: string; at: number }
  | { type: 'publish-failed'; brokerId: string; at: number; reason: string }
  | { type: 'ack'; brokerId: string; at: number; ack: Ack }
  | { type: 'link-up'; brokerId: string; at: number }
  | { type: 'link-down'; brokerId: string; at: number }
  | { type: 'state'; brokerId: string; at: number; state: TmState }
  | { type: 'tick'; at: number }
  | { type: 'cancel'; at: number; reason: string };

export type PushCommand = { type: 'publish'; brokerId: string };

export interface PushTransition {
  state: PushState;
  commands: PushCommand[];
}

export const isTerminal = (phase: PushPhase): boolean => TERMINAL_PHASES.includes(phase);
