import type { CallResult } from './call-result';
import type { CallName, EventName } from './contract-names';
import type { EventBatch } from './contract';

/** The one object the preload exposes as `window.tmc`. Built from the contract's names only. */
export interface TmcBridge {
  call: { readonly [N in CallName]: (payload: unknown) => Promise<CallResult<unknown>> };
  events: readonly EventName[];
  onEvents(listener: (batch: EventBatch) => void): () => void;
}
