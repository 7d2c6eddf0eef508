import type { SwitchEvent } from './failover-policy';

/**
 * The most recent switches, oldest dropped first. Entries are small and fixed in shape, so the
 * count cap bounds the bytes too (about 150 bytes each as JSON).
 */
export class SwitchTimeline {
  private readonly events: SwitchEvent[] = [];
  dropped = 0;

  constructor(private readonly cap = 500) {}

  add(event: SwitchEvent): void {
    this.events.push(event);
    if (this.events.length > this.cap) {
      this.events.shift();
      this.dropped += 1;
    }
  }

  list(): SwitchEvent[] {
    return [...this.events];
  }
}
