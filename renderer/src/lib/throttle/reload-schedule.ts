/**
 * Reloads after missed updates are at least this far apart, twice as far after each reload
 * that did not end the misses, up to MAX_RELOAD_GAP_MS: a storm of gaps under load must not
 * turn into a storm of 100,000-row reads. Deltas carry whole rows, so between reloads the table
 * heals by itself for every key that changes again; only missed removals wait for the reload
 * (and rows whose window ended are hidden anyway).
 */
export const MIN_RELOAD_GAP_MS = 2_000;
export const MAX_RELOAD_GAP_MS = 30_000;
/** Misses stop counting as a storm once none arrived for this long. */
export const CALM_AFTER_MS = 60_000;
export const RETRY_MS = 5_000;

/** When the live table must be read again, and why. Pure: times are passed in. */
export class ReloadSchedule {
  private gap = MIN_RELOAD_GAP_MS;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastMiss = Number.NEGATIVE_INFINITY;
  private dueAt: number | null = null;
  private reason: string | null = null;

  /** Live updates were missed: schedules a read. True when it may start now. */
  missed(reason: string, now: number): boolean {
    this.reason ??= reason;
    if (now - this.lastMiss > CALM_AFTER_MS) this.gap = MIN_RELOAD_GAP_MS;
    else if (this.dueAt === null) this.gap = Math.min(MAX_RELOAD_GAP_MS, this.gap * 2);
    this.lastMiss = now;
    const due = Math.max(now, this.lastStart + this.gap);
    this.dueAt = this.dueAt === null ? due : Math.min(this.dueAt, due);
    return this.dueAt <= now;
  }

  /** A read was asked for while one runs: another one as soon as that one ends. */
  again(now: number): void {
    this.dueAt ??= now;
  }

  isDue(now: number): boolean {
    return this.dueAt !== null && now >= this.dueAt;
  }

  /** A read starts; returns the miss it answers, or null when it answers none. */
  start(now: number): string | null {
    this.dueAt = null;
    this.lastStart = now;
    const reason = this.reason;
    this.reason = null;
    return reason;
  }

  /** The read failed: another one a little later, for the same reason. */
  failed(now: number, reason: string | null): void {
    this.reason ??= reason;
    this.dueAt = now + RETRY_MS;
  }
}
