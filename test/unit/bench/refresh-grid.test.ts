import { describe, expect, it } from 'vitest';
import { refreshGrid } from '../../bench/bench-stats';

const jittered = (n: number, refreshes = 1): number[] =>
  Array.from({ length: n }, (_, i) => refreshes * 16.67 + (i % 3) * 0.15 - 0.15);

describe('refreshGrid', () => {
  it('reads jitter around the period as one refresh', () => {
    const grid = refreshGrid(jittered(100));
    expect(grid.periodMs).toBeCloseTo(16.67, 1);
    expect(grid.p95Refreshes).toBe(1);
    expect(grid.p95Ms).toBeCloseTo(16.67, 1);
  });

  it('counts frames that missed refreshes once they pass 5 %', () => {
    const grid = refreshGrid([...jittered(90), ...jittered(10, 2)]);
    expect(grid.p95Refreshes).toBe(2);
    expect(grid.p95Ms).toBeCloseTo(33.3, 0);
  });

  it('keeps missed refreshes under 5 % out of the p95', () => {
    expect(refreshGrid([...jittered(97), 50, 83, 100]).p95Refreshes).toBe(1);
  });
});
