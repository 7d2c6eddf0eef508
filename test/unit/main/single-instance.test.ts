import { beforeEach, describe, expect, it, vi } from 'vitest';

// The main entry acts at import time, so each test loads a fresh module graph, fake included.
async function freshFake(): Promise<typeof import('../../fakes/electron')> {
  vi.resetModules();
  const fake = await import('../../fakes/electron');
  fake.resetElectronFake();
  return fake;
}

describe('single-instance lock', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('quits at once when another instance holds the lock', async () => {
    const { app } = await freshFake();
    app.lockGranted = false;
    await import('../../../electron/main/index');
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps running and listens for a second instance when it holds the lock', async () => {
    const { app } = await freshFake();
    await import('../../../electron/main/index');
    expect(app.quitCalls).toBe(0);
    expect(app.listenerCount('second-instance')).toBe(1);
  });
});
