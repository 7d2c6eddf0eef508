import { describe, expect, it } from 'vitest';
import type { KeyState } from '../../../electron/core/throttle/key-state';
import { hashByte, KeyStateCache } from '../../../electron/core/throttle/key-state-cache';
import { harness } from './harness';
import { decision, T0 } from './payloads';

const hashOf = (text: string) => [...Buffer.from(text)].reduce(hashByte, 0);
const stateFor = (key: string) => ({ key, gone: false }) as KeyState;

describe('KeyStateCache', () => {
  const payload = Buffer.from('{"throttleKey":"12:admin@carbon.super"}');
  const start = payload.indexOf('12:');
  const end = payload.indexOf('"', start);

  it('finds a remembered state by the key bytes in a payload', () => {
    const cache = new KeyStateCache(4);
    const state = stateFor('12:admin@carbon.super');
    cache.remember(state, hashOf(state.key));
    expect(cache.find(payload, start, end, hashOf(state.key))).toBe(state);
  });

  it('misses when another key holds the slot, when the state is gone, and when nothing is there', () => {
    const cache = new KeyStateCache(1);
    expect(cache.find(payload, start, end, 0)).toBeUndefined();
    cache.remember(stateFor('12:admin@carbon.supeR'), 0);
    expect(cache.find(payload, start, end, 0)).toBeUndefined();
    cache.remember(stateFor('12:admin'), 0);
    expect(cache.find(payload, start, end, 0)).toBeUndefined();
    const gone = stateFor('12:admin@carbon.super');
    gone.gone = true;
    cache.remember(gone, 0);
    expect(cache.find(payload, start, end, 0)).toBeUndefined();
  });

  it('keeps two keys that share a hash, and lets the less recently remembered go for a third', () => {
    const cache = new KeyStateCache(1);
    const [a, b, c] = ['12:admin@carbon.super', '13:admin@carbon.super', '14:admin@carbon.super'].map(stateFor) as [
      KeyState,
      KeyState,
      KeyState,
    ];
    const text = Buffer.from(a.key + b.key + c.key);
    const at = (i: number) => [i * a.key.length, (i + 1) * a.key.length] as const;
    cache.remember(a, 7);
    cache.remember(b, 7);
    expect(cache.find(text, ...at(0), 7)).toBe(a);
    expect(cache.find(text, ...at(1), 7)).toBe(b);
    cache.remember(c, 7);
    expect(cache.find(text, ...at(2), 7)).toBe(c);
    expect(cache.find(text, ...at(1), 7)).toBe(b);
    expect(cache.find(text, ...at(0), 7)).toBeUndefined();
  });

  it('does not push a live key out for one that is gone', () => {
    const cache = new KeyStateCache(1);
    const key = '12:admin@carbon.super';
    const old = stateFor(key);
    cache.remember(old, 3);
    old.gone = true;
    const renewed = stateFor(key);
    cache.remember(renewed, 3);
    const other = stateFor('13:admin@carbon.super');
    cache.remember(other, 3);
    const text = Buffer.from(key);
    expect(cache.find(text, 0, key.length, 3)).toBe(renewed);
  });
});

describe('the pipeline with the cache', () => {
  it('applies to the new state of a key that expired and came back, not to the old one', () => {
    const h = harness();
    const key = '12:admin@carbon.super';
    h.pipeline.ingest('tm1', decision(key, true, T0 + 100), T0);
    h.pipeline.ingest('tm1', decision(key, true, T0 + 100), T0 + 1);
    h.advance(200);
    expect(h.pipeline.snapshot().rows).toEqual([]);
    expect(h.pipeline.ingest('tm1', decision(key, true, T0 + 5_000), T0 + 300)).toBe('applied');
    expect(h.pipeline.ingest('tm2', decision(key, true, T0 + 5_000), T0 + 301)).toBe('confirmed');
    expect(h.pipeline.snapshot().rows.map((r) => [r.key, r.expiryTimeStamp, r.reportedBy])).toEqual([
      [key, T0 + 5_000, ['tm1', 'tm2']],
    ]);
  });
});
