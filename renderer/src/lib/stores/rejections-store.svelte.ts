import type { RejectionCount, RejectionSample } from '../../../../electron/core/throttle/rejection';
import type { ContractClient } from '../transport/contract-client';
import { everyInterval, type Every } from './every';

/** Rejections change rarely and the call copies the core's table: every few seconds is plenty. */
export const REJECTIONS_REFRESH_MS = 5_000;

/** Payloads the core refused on `throttleData`: counts per broker and reason, the last samples. */
export class RejectionsStore {
  /** Most first. */
  counts = $state.raw<RejectionCount[]>([]);
  /** Newest first. */
  samples = $state.raw<RejectionSample[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  private inFlight = false;

  constructor(
    private readonly client: ContractClient,
    private readonly every: Every = everyInterval,
  ) {}

  async load(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      const result = await this.client.call('throttle.rejections', {});
      if (!result.ok) {
        this.error = `Rejected input could not be loaded: ${result.error.message}`;
        return;
      }
      this.error = null;
      this.counts = result.value.counts.toSorted((a, b) => b.count - a.count);
      this.samples = result.value.samples.toSorted((a, b) => b.at - a.at);
      this.loaded = true;
    } finally {
      this.inFlight = false;
    }
  }

  /** Loads now and every few seconds until the returned function is called (while a panel shows). */
  watch(): () => void {
    void this.load();
    return this.every(() => void this.load(), REJECTIONS_REFRESH_MS);
  }
}
