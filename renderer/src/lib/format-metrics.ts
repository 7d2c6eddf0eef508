// Numbers as an operator reads them on a card: few digits, fixed units, no flicker between forms.

export function formatRtt(ms: number | null): string {
  if (ms === null) return 'no probe yet';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function formatPerSecond(count: number): string {
  return count < 10 ? `${count.toFixed(1)}/s` : `${Math.round(count).toLocaleString('en-US')}/s`;
}

export function formatBytesPerSecond(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B/s`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB/s`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB/s`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time "14:03:07", the form operators match against their logs. */
export function formatClockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
