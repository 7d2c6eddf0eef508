import { z } from 'zod';
import type { CallName, EventName } from './contract-names';
import { policyCalls, policyEvents } from './policy-contract';
import { profileCalls } from './profile-contract';
import { ThrottleDeltaSchema, throttleCalls } from './throttle-contract';

// The one contract between the core and every UI. Each call has a request and a response
// schema; each event a payload schema. Main, preload, web host and renderer all derive from here.

const LinkStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'down', 'auth-failed', 'tls-failed']);

export const LinkSnapshotSchema = z.object({
  brokerId: z.string(),
  label: z.string(),
  url: z.string(),
  state: LinkStateSchema,
  /** Epoch ms when the link entered `state`. */
  since: z.number(),
  /** The last connection error as a sentence, null when none since the last connect. */
  lastError: z.string().nullable(),
  /** Connections re-established after a loss. */
  reconnects: z.number().int().nonnegative(),
  /** Failed attempts in a row since the last connect. */
  failedAttempts: z.number().int().nonnegative(),
  /** Round trip of the last application probe through the broker; null while not connected. */
  rttMs: z.number().nonnegative().nullable(),
  rttHistory: z.array(z.number().nonnegative()).max(64),
  messagesPerSec: z.number().nonnegative(),
  bytesPerSec: z.number().nonnegative(),
  lastMessageAt: z.number().nullable(),
});

export const SwitchEventSchema = z.object({
  at: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.enum(['died', 'partition', 'manual', 'failback', 'pinned', 'first-connect']),
  detectedAfterMs: z.number().nonnegative(),
});

export const FailoverStatusSchema = z.object({
  mode: z.enum(['priority', 'sticky']),
  active: z.string().nullable(),
  pinned: z.string().nullable(),
  /** The operator switched by hand: no failback until the next fault. */
  manual: z.boolean(),
  /** "All traffic managers unreachable" after cyclecount passes; retries continue. */
  unreachable: z.boolean(),
});

export const ClusterSnapshotSchema = z.object({
  profileName: z.string(),
  links: z.array(LinkSnapshotSchema),
  failover: FailoverStatusSchema,
  /** Newest last; bounded. */
  timeline: z.array(SwitchEventSchema),
  /** Switches of this cluster that fell off the front of the timeline. */
  timelineDropped: z.number().int().nonnegative(),
  /** Why no cluster is open (a missing secret, an unreadable CA file…), null when one is. */
  problem: z.string().nullable(),
  /** Brokers of the embedded demo cluster, which the operator may kill and restart for drills. */
  demoBrokers: z.array(z.string()),
});

export const CommandOutcomeSchema = z.object({
  done: z.boolean(),
  message: z.string(),
});

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
});

const NoArguments = z.object({}).strict();
const BrokerArgument = z.object({ brokerId: z.string().min(1).max(64) }).strict();

interface CallSpec {
  request: z.ZodType;
  response: z.ZodType;
}

export const contract = {
  calls: {
    'app.info': { request: NoArguments, response: AppInfoSchema },
    'cluster.snapshot': { request: NoArguments, response: ClusterSnapshotSchema },
    'cluster.pin': { request: BrokerArgument, response: CommandOutcomeSchema },
    'cluster.unpin': { request: NoArguments, response: CommandOutcomeSchema },
    'cluster.switchTo': { request: BrokerArgument, response: CommandOutcomeSchema },
    ...profileCalls,
    ...throttleCalls,
    'demo.kill': { request: BrokerArgument, response: CommandOutcomeSchema },
    'demo.restart': { request: BrokerArgument, response: CommandOutcomeSchema },
    ...policyCalls,
  } satisfies { [N in CallName]: CallSpec },
  events: {
    'cluster.link': LinkSnapshotSchema,
    'cluster.switch': SwitchEventSchema,
    'cluster.failover': FailoverStatusSchema,
    'throttle.delta': ThrottleDeltaSchema,
    ...policyEvents,
  } satisfies { [E in EventName]: z.ZodType },
};

type Calls = typeof contract.calls;
type Events = typeof contract.events;

export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>;
export type CallResponse<N extends CallName> = z.output<Calls[N]['response']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type LinkState = z.output<typeof LinkStateSchema>;
export type LinkSnapshot = z.output<typeof LinkSnapshotSchema>;
export type ClusterSnapshot = z.output<typeof ClusterSnapshotSchema>;
export type SwitchEventPayload = z.output<typeof SwitchEventSchema>;
export type FailoverStatus = z.output<typeof FailoverStatusSchema>;
export type CommandOutcome = z.output<typeof CommandOutcomeSchema>;
export type AppInfo = z.output<typeof AppInfoSchema>;

/** What the core must implement: one handler per call, given the validated request. */
export type CallHandlers = {
  [N in CallName]: (request: z.output<Calls[N]['request']>) => Promise<CallResponse<N>> | CallResponse<N>;
};

/** One event as it travels inside a batch. */
export type EventEnvelope = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** Events reach a UI in batches, never one transport message per event. */
export interface EventBatch {
  seq: number;
  events: EventEnvelope[];
  /** Events dropped by the hub's caps since the previous batch. */
  dropped: number;
}
