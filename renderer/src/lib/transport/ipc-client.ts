import type { TmcBridge } from '../../../../electron/core/host/bridge';
import { callFailed } from '../../../../electron/core/host/call-result';
import type { ContractClient } from './contract-client';

/** The contract over Electron IPC, through the preload's `window.tmc`. */
export function createIpcClient(bridge: TmcBridge): ContractClient {
  return {
    kind: 'ipc',
    async call(name, payload) {
      try {
        return (await bridge.call[name](payload)) as never;
      } catch (error) {
        return callFailed('transport-failed', `IPC call "${name}" failed: ${String(error)}`);
      }
    },
    onEvents: (listener) => bridge.onEvents(listener),
    onStatus(listener) {
      listener('open');
      return () => undefined;
    },
  };
}
