import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/cluster/backoff';
import { RateMeter } from '../../../electron/core/cluster/rate-meter';

const settings = { initialMs: 100, maxMs: 5_000, multiplier: 2, jitter: false };

describe('backoff', () => {
  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 6, 7, 100].map((n) => backoffDelay(n, settings, 0, () => 0.5))).toEqual([
      100, 200, 400, 800, 5_000, 5_000, 5_000,
    ]);
  });

  it('draws full jitter uniformly below the capped delay', () => {
    const jittered = { ...settings, jitter: true };
    expect(backoffDelay(3, jittered, 0, () => 0)).toBe(0);
    expect(backoffDelay(3, jittered, 0, () => 0.5)).toBe(400);
    expect(backoffDelay(3, jittered, 0, () => 0.999)).toBe(799);
  });

  it('never goes below the minimum gap between attempts', () => {
    expect(backoffDelay(0, { ...settings, jitter: true }, 50, () => 0)).toBe(50);
  });
});

describe('rate meter', () => {
  it('counts messages and bytes over the last second only', () => {
    const meter = new RateMeter();
    for (let t = 0; t < 1_000; t += 10) meter.mark(100, 10_000 + t);
    expect(meter.rate(10_999)).toEqual({ perSec: 100, bytesPerSec: 10_000 });
    expect(meter.rate(11_500).perSec).toBe(40);
    expect(meter.rate(12_100)).toEqual({ perSec: 0, bytesPerSec: 0 });
  });

  it('forgets everything after a long silence', () => {
    const meter = new RateMeter();
    meter.mark(1, 0);
    expect(meter.rate(3_600_000).perSec).toBe(0);
  });
});
