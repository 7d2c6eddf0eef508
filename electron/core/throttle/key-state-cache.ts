import type { KeyState } from './key-state';

/**
 * Finds a key's state straight from the key's bytes in a payload. The same keys arrive over and
 * over (once per traffic manager, and at every window); looking them up in the merge's map means
 * copying the key out of the payload into a new string and V8 hashing it, for every message. Here
 * the decoder hashes the bytes while it scans them, and a hit costs one comparison against the
 * state's key. Fixed in size, two slots per hash (so two keys that share one do not evict each
 * other at every message): a miss just goes the map's way, and a new entry replaces the less
 * recently remembered of the two, so a flood of keys can slow it down but never make it wrong.
 */
export class KeyStateCache {
  private readonly slots: (KeyState | undefined)[];
  private readonly shift: number;

  /** `bits` (1–30): log2 of the number of slot pairs. */
  constructor(bits = 15) {
    this.slots = new Array<KeyState | undefined>(2 << bits).fill(undefined);
    this.shift = 32 - bits;
  }

  /** The state whose key is bytes [start, end) of `buf` (ASCII), if it is here. */
  find(buf: Buffer, start: number, end: number, hash: number): KeyState | undefined {
    const first = this.pairOf(hash);
    const state = this.slots[first];
    if (state !== undefined && holds(state, buf, start, end)) return state;
    const other = this.slots[first + 1];
    if (other !== undefined && holds(other, buf, start, end)) return other;
    return undefined;
  }

  remember(state: KeyState, hash: number): void {
    const first = this.pairOf(hash);
    const current = this.slots[first];
    if (current !== undefined && !current.gone) this.slots[first + 1] = current;
    this.slots[first] = state;
  }

  /** Index of the pair's first slot. The multiply spreads keys that differ in a few bytes. */
  private pairOf(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> this.shift) << 1;
  }
}

function holds(state: KeyState, buf: Buffer, start: number, end: number): boolean {
  if (state.gone) return false;
  const key = state.key;
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i += 1) if (buf[start + i] !== key.charCodeAt(i)) return false;
  return true;
}

/** One byte into a key hash that starts at 0; kept a 32-bit integer, which V8 keeps fast. */
export function hashByte(hash: number, byte: number): number {
  return (Math.imul(hash, 31) + byte) | 0;
}
