import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, ipcMain, resetElectronFake } from '../../fakes/electron';
import { createIpcTransport } from '../../../electron/main/ipc-transport';
import { isTrustedSender } from '../../../electron/main/sender-check';
import { createDispatcher } from '../../../electron/core/host/dispatcher';
import { registerContract } from '../../../electron/core/host/transport';
import { CALL_NAMES, EVENTS_CHANNEL, callChannel } from '../../../electron/core/host/contract-names';
import type { CallHandlers } from '../../../electron/core/host/contract';
import { clusterSnapshot, fixedHandlers } from '../../support/fixtures';

const APP_URL = 'file:///opt/tmc/out/renderer/index.html';
const ownPage = { senderFrame: { url: APP_URL, parent: null } };

const handlers: CallHandlers = fixedHandlers();

function setup(): { window: BrowserWindow } {
  const window = new BrowserWindow({});
  const transport = createIpcTransport({ ipcMain: ipcMain as never, appUrl: APP_URL, window: () => window as never });
  registerContract(transport, createDispatcher(handlers));
  return { window };
}

describe('Electron IPC transport', () => {
  beforeEach(() => resetElectronFake());

  it('registers one handler per contract call and nothing else', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
  });

  it('answers a call from the app page', async () => {
    setup();
    expect(await ipcMain.invoke(callChannel('cluster.snapshot'), ownPage, {})).toEqual({
      ok: true,
      value: clusterSnapshot(),
    });
  });

  it('returns an error result for a malformed payload', async () => {
    setup();
    const result = (await ipcMain.invoke(callChannel('app.info'), ownPage, 'nonsense')) as {
      ok: boolean;
      error: { code: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-request');
  });

  it('refuses a call from a foreign frame', async () => {
    setup();
    for (const senderFrame of [
      { url: 'https://evil.example/index.html', parent: null },
      { url: APP_URL, parent: { url: APP_URL } },
      { url: 'file:///tmp/other.html', parent: null },
      null,
    ]) {
      const result = await ipcMain.invoke(callChannel('cluster.snapshot'), { senderFrame }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses an unknown channel', async () => {
    setup();
    await expect(ipcMain.invoke('tmc:call:cluster.dropAll', ownPage, {})).rejects.toThrow(/No handler registered/);
  });

  it('sends event batches to the window on the one events channel', () => {
    const window = new BrowserWindow({});
    const transport = createIpcTransport({ ipcMain: ipcMain as never, appUrl: APP_URL, window: () => window as never });
    transport.sendEvents({ seq: 1, events: [], dropped: 0 });
    window.destroyed = true;
    transport.sendEvents({ seq: 2, events: [], dropped: 0 });
    expect(window.webContents.sent).toEqual([{ channel: EVENTS_CHANNEL, payload: { seq: 1, events: [], dropped: 0 } }]);
  });
});

describe('sender check', () => {
  it('trusts the dev server origin while developing, nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', parent: null }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', parent: null }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null }, dev)).toBe(false);
  });
});
