/**
 * A refresh that may be asked for again while it runs (events come in bursts): it runs once
 * more after the current run, never twice at a time and never once per event.
 */
export class CoalescedTask {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.task();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
