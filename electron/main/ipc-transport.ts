import type { BrowserWindow, IpcMain } from 'electron';
import { callFailed } from '../core/host/call-result';
import { EVENTS_CHANNEL, callChannel } from '../core/host/contract-names';
import type { ContractTransport } from '../core/host/transport';
import { isTrustedSender } from './sender-check';

export interface IpcTransportDeps {
  ipcMain: IpcMain;
  appUrl: string;
  window: () => BrowserWindow | undefined;
}

/** Electron's side of the contract: one `ipcMain.handle` per call, event batches to the window. */
export function createIpcTransport(deps: IpcTransportDeps): ContractTransport {
  return {
    handle(name, handler) {
      deps.ipcMain.handle(callChannel(name), async (event, payload: unknown) => {
        if (!isTrustedSender(event.senderFrame, deps.appUrl)) {
          return callFailed('forbidden', `"${name}" refused: the caller is not the console's own page.`);
        }
        return handler(payload);
      });
    },
    sendEvents(batch) {
      const window = deps.window();
      if (window && !window.isDestroyed()) window.webContents.send(EVENTS_CHANNEL, batch);
    },
  };
}
