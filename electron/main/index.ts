import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, ipcMain, safeStorage, session } from 'electron';
import { startApp } from '../core/app-start';
import { registerContract } from '../core/host/transport';
import { demoBuiltIn } from '../demo/demo-built-in';
import { pickTlsFile } from './file-dialog';
import { createIpcTransport } from './ipc-transport';
import { createSafeStorageSecretStore } from './safe-storage-secrets';
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

  const dataDir = app.getPath('userData');
  const demo = demoBuiltIn();
  const { core, problem } = await startApp({
    dataDir,
    secrets: createSafeStorageSecretStore({
      safeStorage,
      dir: dataDir,
      clock: Date.now,
      onWarning: (warning) => console.warn(`${warning.path}: ${warning.message}`),
    }),
    canStoreSecrets: safeStorage.isEncryptionAvailable(),
    builtIns: [demo],
    profilePath: profileArgument(),
    pickFile: (purpose) => pickTlsFile(purpose, window),
  });
  if (problem) console.warn(`Startup profile not opened: ${problem}`);
  const transport = createIpcTransport({ ipcMain, appUrl: appUrl(), window: () => window });
  registerContract(transport, core.dispatch);
  core.events.subscribe((batch) => transport.sendEvents(batch));

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
      await demo.stop();
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
