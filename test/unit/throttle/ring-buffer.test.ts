import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../electron/core/throttle/ring-buffer';

const bySize = (item: string) => item.length;

describe('RingBuffer', () => {
  it('keeps items oldest first', () => {
    const ring = new RingBuffer<string>(3, 100, bySize);
    ring.push('a');
    ring.push('b');
    expect(ring.toArray()).toEqual(['a', 'b']);
    expect(ring.length).toBe(2);
    expect(ring.dropped).toBe(0);
  });

  it('drops the oldest at its count cap and counts them', () => {
    const ring = new RingBuffer<string>(3, 100, bySize);
    for (const item of ['a', 'b', 'c', 'd', 'e']) ring.push(item);
    expect(ring.toArray()).toEqual(['c', 'd', 'e']);
    expect(ring.dropped).toBe(2);
  });

  it('drops the oldest at its byte cap, as many as needed', () => {
    const ring = new RingBuffer<string>(10, 10, bySize);
    ring.push('aaaa');
    ring.push('bbbb');
    ring.push('cccccccc');
    expect(ring.toArray()).toEqual(['cccccccc']);
    expect(ring.bytes).toBe(8);
    expect(ring.dropped).toBe(2);
  });

  it('drops an item bigger than the whole byte cap on arrival and keeps the rest', () => {
    const ring = new RingBuffer<string>(10, 10, bySize);
    ring.push('ok');
    ring.push('x'.repeat(11));
    expect(ring.toArray()).toEqual(['ok']);
    expect(ring.dropped).toBe(1);
  });

  it('wraps around many times without losing order or bytes', () => {
    const ring = new RingBuffer<string>(4, 1_000, bySize);
    for (let i = 0; i < 1_003; i += 1) ring.push(String(i));
    expect(ring.toArray()).toEqual(['999', '1000', '1001', '1002']);
    expect(ring.bytes).toBe(3 + 4 + 4 + 4);
    expect(ring.dropped).toBe(999);
  });

  it('refuses a cap of zero', () => {
    expect(() => new RingBuffer<string>(0, 10, bySize)).toThrow(RangeError);
  });
});
