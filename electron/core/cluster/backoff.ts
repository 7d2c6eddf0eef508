export interface BackoffSettings {
  initialMs: number;
  maxMs: number;
  multiplier: number;
  jitter: boolean;
}

/**
 * Delay before attempt number `attempt` (0 for the first retry): exponential, capped, with full
 * jitter (uniform in [0, cap]) so a cluster of consoles does not reconnect in lockstep, and
 * never below `minGapMs` (the classic `connectdelay`).
 */
export function backoffDelay(
  attempt: number,
  settings: BackoffSettings,
  minGapMs: number,
  random: () => number,
): number {
  const exponential = settings.initialMs * settings.multiplier ** Math.min(attempt, 64);
  const capped = Math.min(settings.maxMs, exponential);
  const delay = settings.jitter ? Math.floor(random() * capped) : capped;
  return Math.max(minGapMs, delay);
}
