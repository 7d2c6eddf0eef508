import type { CallResult } from '../../../../electron/core/host/call-result';
import type { CallName } from '../../../../electron/core/host/contract-names';
import type { CallRequest, CallResponse, EventBatch } from '../../../../electron/core/host/contract';

/**
 * `refused`: the host is up but will not take this page (the web host's token changes with each
 * start, so a page from an earlier start can never connect again).
 */
export type ClientStatus = 'connecting' | 'open' | 'closed' | 'refused';

/** What the renderer's stores see of a transport: typed calls, event batches, link status. */
export interface ContractClient {
  readonly kind: 'ipc' | 'web';
  call<N extends CallName>(name: N, payload: CallRequest<N>): Promise<CallResult<CallResponse<N>>>;
  onEvents(listener: (batch: EventBatch) => void): () => void;
  /** Fires with the current status at once, then on every change. */
  onStatus(listener: (status: ClientStatus) => void): () => void;
}
