import { CALL_NAMES, type CallName } from './contract-names';
import type { CallResult } from './call-result';
import type { Dispatch } from './dispatcher';
import type { EventBatch } from './contract';

/**
 * What a transport (Electron IPC, the loopback web host) offers the core. The transport does its
 * own caller checks (sender frame, token) before it hands a call to the registered handler.
 */
export interface ContractTransport {
  handle(name: CallName, handler: (payload: unknown) => Promise<CallResult<unknown>>): void;
  sendEvents(batch: EventBatch): void;
}

/** Registers every call of the contract, once, against a transport. */
export function registerContract(transport: ContractTransport, dispatch: Dispatch): void {
  for (const name of CALL_NAMES) {
    transport.handle(name, (payload) => dispatch(name, payload));
  }
}
