// The one shared fake of the `electron` module: vitest aliases `electron` to this file for the
// node project, so main and preload code run on plain Node and tests inspect what they did.
import { EventEmitter } from 'node:events';

type Handler = (event: FakeIpcEvent, payload: unknown) => unknown;

export interface FakeIpcEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does when a renderer invokes `channel`: no handler is an error. */
  async invoke(channel: string, event: FakeIpcEvent, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; payload: unknown }[] = [];
  async invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload });
    return { ok: true, value: { channel } };
  }
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
}

class FakeSession {
  permissionRequestHandler:
    ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const exposedInMainWorld = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposedInMainWorld.set(key, api);
  },
};
export const session = { defaultSession: new FakeSession() };
/** The open dialog answers with `nextOpenDialog` and records what it was asked. */
export const dialog = {
  nextOpenDialog: { canceled: true, filePaths: [] as string[] },
  asked: [] as { title?: string; properties?: string[] }[],
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    dialog.asked.push(args.at(-1) as { title?: string });
    return Promise.resolve(dialog.nextOpenDialog);
  },
};
/** A reversible stand-in for the keychain: tests check ciphertext never equals plaintext. */
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(text: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(text).toString('hex')}`);
  },
  decryptString(data: Buffer): string {
    return Buffer.from(data.toString().slice(4), 'hex').toString();
  },
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
};
export const app = Object.assign(new EventEmitter(), {
  /** Whether this fake process wins the single-instance lock. */
  lockGranted: true,
  quitCalls: 0,
  requestSingleInstanceLock(): boolean {
    return app.lockGranted;
  },
  /** Never resolves: tests of start-up stop at the lock, before windows and brokers. */
  whenReady: (): Promise<void> => new Promise<void>(() => undefined),
  quit(): void {
    app.quitCalls += 1;
  },
  exit: () => undefined,
});

export function resetElectronFake(): void {
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  exposedInMainWorld.clear();
  BrowserWindow.instances = [];
  session.defaultSession = new FakeSession();
  app.removeAllListeners();
  app.lockGranted = true;
  safeStorage.available = true;
  dialog.nextOpenDialog = { canceled: true, filePaths: [] };
  dialog.asked = [];
  app.quitCalls = 0;
}

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, safeStorage, session };
