import type { KeyState } from './key-state';

/**
 * Finds a key's state straight from the key's bytes in a payload. The same keys arrive over and
 * over (once per traffic manager, and at every window); looking them up in the merge's map means
 * copying the key out of the payload into a new string and V8 hashing it, for every message. Here
 * the decoder hashes the bytes while it scans them, and a hit costs one comparison against the
 * state's key. Direct-mapped and fixed in size: a miss just goes the map's way, and a new entry
 * replaces the one in its slot, so a flood of keys can slow it down but never make it wrong.
 */
export class KeyStateCache {
  private readonly slots: (KeyState | undefined)[];
  private readonly mask: number;

  constructor(bits = 15) {
    this.slots = new Array<KeyState | undefined>(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
  }

  /** The state whose key is bytes [start, end) of `buf` (ASCII), if it is here. */
  find(buf: Buffer, start: number, end: number, hash: number): KeyState | undefined {
    const state = this.slots[hash & this.mask];
    if (state === undefined || state.gone) return undefined;
    const key = state.key;
    if (key.length !== end - start) return undefined;
    for (let i = 0; i < key.length; i += 1) if (buf[start + i] !== key.charCodeAt(i)) return undefined;
    return state;
  }

  remember(state: KeyState, hash: number): void {
    this.slots[hash & this.mask] = state;
  }
}

/** One byte into a key hash that starts at 0; kept a 32-bit integer, which V8 keeps fast. */
export function hashByte(hash: number, byte: number): number {
  return (Math.imul(hash, 31) + byte) | 0;
}
