import type { TmcBridge } from '../../../../electron/core/host/bridge';
import type { ContractClient } from './contract-client';
import { createIpcClient } from './ipc-client';
import { createWebClient } from './web-client';

/** Inside Electron the preload has set `window.tmc`; in a browser tab the web host serves us. */
export function pickContractClient(win: Window & { tmc?: TmcBridge }): ContractClient {
  return win.tmc ? createIpcClient(win.tmc) : createWebClient(win.location);
}
