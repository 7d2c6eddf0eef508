/** Percentiles and a fixed-width table for the bench scripts' printed figures. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}

export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

/**
 * Frame intervals counted in display refreshes. rAF deltas jitter a tenth or two around the
 * refresh period (16.67 ms at 60 Hz), so a page that makes every refresh still shows a raw p95
 * of 16.7 or 16.8 depending on the run; rounded to whole refreshes, the p95 says what it means.
 * The period is the median interval: most frames of a measured run make the next refresh.
 */
export function refreshGrid(intervals: readonly number[]): { periodMs: number; p95Refreshes: number; p95Ms: number } {
  const periodMs = percentile(intervals, 50);
  const refreshes = intervals.map((ms) => Math.max(1, Math.round(ms / periodMs)));
  const p95Refreshes = percentile(refreshes, 95);
  return { periodMs, p95Refreshes, p95Ms: p95Refreshes * periodMs };
}
