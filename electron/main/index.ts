import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, ipcMain, session } from 'electron';
import { createAppCore } from '../core/app-core';
import { APP_INFO } from '../core/app-info';
import { mqttConnector } from '../core/cluster/mqtt-connector';
import { registerContract } from '../core/host/transport';
import { NO_SECRETS } from '../core/profile/no-secrets';
import { openProfileOrDemo } from '../demo/profile-or-demo';
import { createIpcTransport } from './ipc-transport';
import { lockDownSession } from './session-security';
import { createMainWindow } from './window';

// Thin adapter: lifecycle, the window and the IPC transport. Everything else is in the core.

function appUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return devServer ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

function profileArgument(): string | undefined {
  const index = process.argv.indexOf('--profile');
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function start(): Promise<void> {
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  await app.whenReady();
  lockDownSession(session.defaultSession);

  const choice = await openProfileOrDemo(profileArgument());
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: APP_INFO,
  });
  const transport = createIpcTransport({ ipcMain, appUrl: appUrl(), window: () => window });
  registerContract(transport, core.dispatch);
  core.events.subscribe((batch) => transport.sendEvents(batch));
  await core.open(choice.profile);

  const open = (): void => {
    window = createMainWindow(join(__dirname, '../preload/index.js'), appUrl());
    window.on('closed', () => {
      window = undefined;
    });
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });

  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping) return;
    stopping = true;
    event.preventDefault();
    void (async () => {
      await core.stop();
      await choice.demo?.stop();
      app.quit();
    })();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error(`Traffic Manager Console failed to start: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });
}
