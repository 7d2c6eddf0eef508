import type { TimeUnit } from '../../core/policy/limit-schema';

// Built-in policies count in fixed windows aligned to the wall clock: a one-minute window runs
// from :00 to :00, a two-hour one from an even hour. Days, months and years are UTC.

export interface TimeWindow {
  start: number;
  /** Exclusive end, and the `expiryTimeStamp` of decisions made in this window. */
  end: number;
}

const UNIT_MS: Record<'sec' | 'min' | 'hour' | 'day', number> = {
  sec: 1_000,
  min: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

function monthStart(monthIndex: number): number {
  return Date.UTC(1970 + Math.floor(monthIndex / 12), monthIndex % 12, 1);
}

export function windowAt(now: number, unit: TimeUnit, unitTime: number): TimeWindow {
  if (unit === 'month' || unit === 'year') {
    const months = unit === 'year' ? 12 * unitTime : unitTime;
    const date = new Date(now);
    const index = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
    const first = Math.floor(index / months) * months;
    return { start: monthStart(first), end: monthStart(first + months) };
  }
  const size = UNIT_MS[unit] * unitTime;
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}
