import { beforeAll, describe, expect, it } from 'vitest';
import { exposedInMainWorld, ipcRenderer, resetElectronFake } from '../../fakes/electron';
import type { TmcBridge } from '../../../electron/core/host/bridge';
import { CALL_NAMES, EVENT_NAMES, EVENTS_CHANNEL, callChannel } from '../../../electron/core/host/contract-names';

describe('preload bridge', () => {
  let bridge: TmcBridge;

  beforeAll(async () => {
    resetElectronFake();
    await import('../../../electron/preload/index');
    bridge = exposedInMainWorld.get('tmc') as TmcBridge;
  });

  it('exposes exactly one object, window.tmc', () => {
    expect([...exposedInMainWorld.keys()]).toEqual(['tmc']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'events', 'onEvents']);
  });

  it('has one function per contract call and nothing raw from ipcRenderer', () => {
    expect(Object.keys(bridge.call).sort()).toEqual([...CALL_NAMES].sort());
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.call)).toBe(true);
    expect(bridge.events).toEqual(EVENT_NAMES);
  });

  it('invokes each call on its own channel', async () => {
    for (const name of CALL_NAMES) await bridge.call[name]({});
    expect(ipcRenderer.invoked.map((i) => i.channel)).toEqual(CALL_NAMES.map(callChannel));
  });

  it('delivers event batches to a listener until it unsubscribes', () => {
    const seen: number[] = [];
    const off = bridge.onEvents((batch) => seen.push(batch.seq));
    ipcRenderer.emit(EVENTS_CHANNEL, {}, { seq: 1, events: [], dropped: 0 });
    off();
    ipcRenderer.emit(EVENTS_CHANNEL, {}, { seq: 2, events: [], dropped: 0 });
    expect(seen).toEqual([1]);
  });
});
