import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { TmcBridge } from '../core/host/bridge';
import type { EventBatch } from '../core/host/contract';
import { CALL_NAMES, EVENT_NAMES, EVENTS_CHANNEL, callChannel } from '../core/host/contract-names';

// One frozen object built from the contract's names: the page can make exactly the contract's
// calls and receive its event batches, nothing else of ipcRenderer.
const call = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (payload: unknown) => ipcRenderer.invoke(callChannel(name), payload)]),
) as unknown as TmcBridge['call'];

const bridge: TmcBridge = {
  call: Object.freeze(call),
  events: EVENT_NAMES,
  onEvents(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatch): void => listener(batch);
    ipcRenderer.on(EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tmc', Object.freeze(bridge));
