import { beforeEach, describe, expect, it } from 'vitest';
import { BrowserWindow, resetElectronFake, session } from '../../fakes/electron';
import { createMainWindow, mainWindowOptions } from '../../../electron/main/window';
import { lockDownSession } from '../../../electron/main/session-security';

describe('main window security', () => {
  beforeEach(() => resetElectronFake());

  it('isolates the page: context isolation, sandbox, no Node, web security', () => {
    const prefs = mainWindowOptions('/app/preload.js').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('creates the window with those options and loads only the app page', () => {
    createMainWindow('/app/preload.js', 'file:///app/renderer/index.html');
    const [window] = BrowserWindow.instances;
    expect(window?.options).toEqual(mainWindowOptions('/app/preload.js'));
    expect(window?.loadedUrl).toBe('file:///app/renderer/index.html');
  });

  it('denies every new window', () => {
    createMainWindow('/p.js', 'file:///app/index.html');
    const handler = BrowserWindow.instances[0]?.webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and webview attachment', () => {
    createMainWindow('/p.js', 'file:///app/index.html');
    const contents = BrowserWindow.instances[0]?.webContents;
    for (const eventName of ['will-navigate', 'will-attach-webview']) {
      let prevented = false;
      contents?.emit(eventName, { preventDefault: () => (prevented = true) }, 'https://example.com');
      expect(prevented, eventName).toBe(true);
    }
  });

  it('denies every permission request and check', () => {
    lockDownSession(session.defaultSession as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.defaultSession.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
      answers.push(session.defaultSession.permissionCheckHandler?.({}, permission) ?? true);
    }
    expect(answers).toEqual(Array(8).fill(false));
  });
});
