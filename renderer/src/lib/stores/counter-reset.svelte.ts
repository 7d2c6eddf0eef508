import { startOutcome, type StartOutcome } from '../policy/push-start';
import type { ContractClient } from '../transport/contract-client';

/** "Reset counter for a key": `counters.reset` on the active traffic manager, followed like a push. */
export class CounterReset {
  throttleKey = $state('');
  error = $state<string | null>(null);
  started = $state<StartOutcome | null>(null);
  pending = $state(false);

  constructor(private readonly client: ContractClient) {}

  async reset(): Promise<void> {
    const throttleKey = this.throttleKey.trim();
    if (throttleKey === '') {
      this.error = 'Type the throttle key whose counter to reset, e.g. 12:admin@carbon.super.';
      return;
    }
    if (this.pending) return;
    this.error = null;
    this.pending = true;
    try {
      this.started = startOutcome(
        `The reset of "${throttleKey}"`,
        await this.client.call('counters.reset', { throttleKey }),
      );
    } finally {
      this.pending = false;
    }
  }
}
