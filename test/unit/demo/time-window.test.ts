import { describe, expect, it } from 'vitest';
import { windowAt } from '../../../electron/demo/engine/time-window';

const at = (iso: string): number => Date.parse(iso);

describe('fixed windows aligned to the wall clock (UTC)', () => {
  it.each([
    ['2024-05-01T12:34:56.789Z', 'sec', 1, '2024-05-01T12:34:56.000Z', '2024-05-01T12:34:57.000Z'],
    ['2024-05-01T12:34:56.789Z', 'sec', 10, '2024-05-01T12:34:50.000Z', '2024-05-01T12:35:00.000Z'],
    ['2024-05-01T12:34:56.789Z', 'min', 1, '2024-05-01T12:34:00.000Z', '2024-05-01T12:35:00.000Z'],
    ['2024-05-01T12:34:56.789Z', 'min', 15, '2024-05-01T12:30:00.000Z', '2024-05-01T12:45:00.000Z'],
    ['2024-05-01T12:34:56.789Z', 'hour', 1, '2024-05-01T12:00:00.000Z', '2024-05-01T13:00:00.000Z'],
    ['2024-05-01T12:34:56.789Z', 'day', 1, '2024-05-01T00:00:00.000Z', '2024-05-02T00:00:00.000Z'],
    ['2024-02-29T23:59:59.999Z', 'month', 1, '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['2024-05-01T12:34:56.789Z', 'month', 3, '2024-04-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
    ['2024-12-31T23:59:59.999Z', 'year', 1, '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
  ] as const)('%s in a %s×%i window runs from %s to %s', (now, unit, unitTime, start, end) => {
    expect(windowAt(at(now), unit, unitTime)).toEqual({ start: at(start), end: at(end) });
  });

  it('starts a new window exactly on the boundary', () => {
    expect(windowAt(at('2024-05-01T12:35:00.000Z'), 'min', 1).start).toBe(at('2024-05-01T12:35:00.000Z'));
  });
});
