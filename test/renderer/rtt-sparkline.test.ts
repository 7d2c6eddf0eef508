import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import RttSparkline from '../../renderer/src/components/broker-card/RttSparkline.svelte';
import { sparklinePoints } from '../../renderer/src/lib/sparkline-points';

const BOX = { width: 100, height: 20, pad: 0 };

describe('sparklinePoints', () => {
  it('spreads the values over the width, zero at the bottom and the largest at the top', () => {
    expect(sparklinePoints([0, 5, 10], BOX)).toEqual({ points: '0,20 50,10 100,0', last: { x: 100, y: 0 } });
  });

  it('puts a single value at the right edge', () => {
    expect(sparklinePoints([7], BOX)).toEqual({ points: '100,0', last: { x: 100, y: 0 } });
  });

  it('keeps an all-zero history on the bottom line', () => {
    expect(sparklinePoints([0, 0], BOX)?.points).toBe('0,20 100,20');
  });

  it('has nothing to draw for an empty history', () => {
    expect(sparklinePoints([], BOX)).toBeNull();
  });
});

describe('RttSparkline', () => {
  afterEach(() => cleanup());

  it('draws one point per probe and describes the range', () => {
    render(RttSparkline, { values: [3, 9, 6, 12] });
    const svg = screen.getByTestId('rtt-sparkline');
    const points = svg.querySelector('polyline')?.getAttribute('points')?.split(' ') ?? [];
    expect(points).toHaveLength(4);
    expect(svg.getAttribute('aria-label')).toBe('Round trip over the last 4 probes: from 3 to 12 ms');
    expect(svg.querySelector('circle')).not.toBeNull();
  });

  it('renders nothing for an empty history', () => {
    const { container } = render(RttSparkline, { values: [] });
    expect(screen.queryByTestId('rtt-sparkline')).toBeNull();
    expect(container.querySelector('svg')).toBeNull();
  });
});
