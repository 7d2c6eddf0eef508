/** A shared, coarse "now" for countdowns and ages: one timer for the whole page. */
class Clock {
  now = $state(Date.now());

  constructor(intervalMs: number) {
    setInterval(() => {
      this.now = Date.now();
    }, intervalMs);
  }
}

export const clock = new Clock(1_000);
