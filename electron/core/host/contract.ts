import { z } from 'zod';
import type { CallName, EventName } from './contract-names';

// The one contract between the core and every UI. Each call has a request and a response
// schema; each event a payload schema. Main, preload, web host and renderer all derive from here.

const LinkStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'down']);

export const LinkSnapshotSchema = z.object({
  brokerId: z.string(),
  label: z.string(),
  url: z.string(),
  state: LinkStateSchema,
  /** Epoch ms when the link entered `state`. */
  since: z.number(),
  /** The last connection error as a sentence, null when none since the last connect. */
  lastError: z.string().nullable(),
  reconnects: z.number().int().nonnegative(),
});

export const ClusterSnapshotSchema = z.object({
  profileName: z.string(),
  links: z.array(LinkSnapshotSchema),
});

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
});

const NoArguments = z.object({}).strict();

interface CallSpec {
  request: z.ZodType;
  response: z.ZodType;
}

export const contract = {
  calls: {
    'app.info': { request: NoArguments, response: AppInfoSchema },
    'cluster.snapshot': { request: NoArguments, response: ClusterSnapshotSchema },
  } satisfies { [N in CallName]: CallSpec },
  events: {
    'cluster.link': LinkSnapshotSchema,
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
