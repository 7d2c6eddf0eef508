import { describe, expect, it } from 'vitest';
import {
  formatBytesPerSecond,
  formatClockTime,
  formatPerSecond,
  formatRtt,
} from '../../renderer/src/lib/format-metrics';

describe('card number formats', () => {
  it('gives small round trips a decimal and large ones none', () => {
    expect(formatRtt(null)).toBe('no probe yet');
    expect(formatRtt(0.42)).toBe('0.4 ms');
    expect(formatRtt(9.96)).toBe('10.0 ms');
    expect(formatRtt(123.6)).toBe('124 ms');
  });

  it('groups thousands in rates and scales bytes', () => {
    expect(formatPerSecond(0)).toBe('0.0/s');
    expect(formatPerSecond(1234.4)).toBe('1,234/s');
    expect(formatBytesPerSecond(999)).toBe('999 B/s');
    expect(formatBytesPerSecond(2048)).toBe('2.0 kB/s');
    expect(formatBytesPerSecond(3 * 1024 * 1024)).toBe('3.0 MB/s');
  });

  it('prints local wall-clock time with two digits per field', () => {
    expect(formatClockTime(new Date(2026, 0, 5, 4, 3, 7).getTime())).toBe('04:03:07');
  });
});
