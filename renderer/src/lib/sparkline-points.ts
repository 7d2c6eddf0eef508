export interface SparklineGeometry {
  width: number;
  height: number;
  /** Room kept at the edges so the stroke and the end dot are not clipped. */
  pad: number;
}

export interface Sparkline {
  /** The `points` attribute of an SVG polyline. */
  points: string;
  last: { x: number; y: number };
}

/** Scales a series into a box, zero at the bottom so a flat low RTT looks low; null when empty. */
export function sparklinePoints(values: readonly number[], box: SparklineGeometry): Sparkline | null {
  if (values.length === 0) return null;
  const max = Math.max(...values, Number.EPSILON);
  const innerW = box.width - 2 * box.pad;
  const innerH = box.height - 2 * box.pad;
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  const coords = values.map((value, i) => ({
    x: round(box.pad + (values.length > 1 ? i * step : innerW)),
    y: round(box.pad + innerH - (value / max) * innerH),
  }));
  const last = coords[coords.length - 1] ?? { x: 0, y: 0 };
  return { points: coords.map((c) => `${c.x},${c.y}`).join(' '), last };
}

const round = (n: number): number => Math.round(n * 10) / 10;
