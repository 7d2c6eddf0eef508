import { MAX_BROKERS } from './broker-bits';
import type { RejectCode, Rejection, RejectionCount, RejectionSample } from './rejection';

export type { RejectionCount, RejectionSample } from './rejection';
import { RingBuffer } from './ring-buffer';

export interface RejectionLogOptions {
  maxSamples: number;
  maxSampleBytes: number;
  excerptChars: number;
}

export const DEFAULT_REJECTION_LOG_OPTIONS: RejectionLogOptions = {
  maxSamples: 20,
  maxSampleBytes: 32 * 1024,
  excerptChars: 200,
};

/** Ids past the broker cap share one bucket, so the counts stay bounded whatever arrives. */
export const OTHER_BROKERS = '(other brokers)';

/** Counts refused payloads per broker and reason, and keeps the last few for inspection. */
export class RejectionLog {
  private readonly countsByBroker = new Map<string, Map<RejectCode, number>>();
  private readonly sampleRing: RingBuffer<RejectionSample>;
  private totalCount = 0;

  constructor(private readonly options: RejectionLogOptions = DEFAULT_REJECTION_LOG_OPTIONS) {
    this.sampleRing = new RingBuffer(
      options.maxSamples,
      options.maxSampleBytes,
      (s) => 2 * (s.reason.length + s.excerpt.length + s.broker.length) + 64,
    );
  }

  record(broker: string, rejection: Rejection, payload: Uint8Array | undefined, at: number): void {
    this.totalCount += 1;
    let bucket = this.countsByBroker.get(broker);
    if (!bucket) {
      const name = this.countsByBroker.size < MAX_BROKERS ? broker : OTHER_BROKERS;
      bucket = this.countsByBroker.get(name) ?? new Map<RejectCode, number>();
      this.countsByBroker.set(name, bucket);
    }
    bucket.set(rejection.code, (bucket.get(rejection.code) ?? 0) + 1);
    const excerptBytes = payload ? payload.subarray(0, this.options.excerptChars) : undefined;
    this.sampleRing.push({
      at,
      broker,
      code: rejection.code,
      reason: rejection.reason,
      bytes: payload?.length ?? 0,
      excerpt: excerptBytes ? Buffer.from(excerptBytes).toString('utf8') : '',
    });
  }

  get total(): number {
    return this.totalCount;
  }

  get droppedSamples(): number {
    return this.sampleRing.dropped;
  }

  /** One row per broker and reason (a list, so no broker id can collide with an object key). */
  counts(): RejectionCount[] {
    const out: RejectionCount[] = [];
    for (const [broker, bucket] of this.countsByBroker) {
      for (const [code, count] of bucket) out.push({ broker, code, count });
    }
    return out;
  }

  /** Oldest first. */
  samples(): RejectionSample[] {
    return this.sampleRing.toArray();
  }
}
