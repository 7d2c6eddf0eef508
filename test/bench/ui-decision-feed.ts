import { connectAsync, type MqttClient } from 'mqtt';

export interface FeedOptions {
  url: string;
  topic: string;
  /** Decisions per second, spread over the second in small bursts. */
  rate: number;
  /** Distinct throttle keys, visited round robin. */
  keys: number;
}

export interface DecisionFeed {
  /** Decisions published since the feed started. */
  readonly published: number;
  stop(): Promise<void>;
}

const TICK_MS = 10;
// A pass over every key moves each key to a window this much later, so every message is a new
// decision (a repeat of the same window would only count as a duplicate and change no row).
const WINDOW_STEP_MS = 60_000;
const FIRST_WINDOW_MS = 60 * 60_000;

/** The i-th key, in the five formats of reference/wso2-throttling.md §1, a fifth of the keys each. */
export function benchKey(i: number): string {
  const app = 1_000 + (i % 400);
  switch (i % 5) {
    case 0:
      return `${app}:user${i}@carbon.super`;
    case 1:
      return `${i}:/orders${i % 50}/1.0.0:1.0.0:Gold`;
    case 2:
      return `/inventory${i}/2.0.0:2.0.0_default`;
    case 3:
      return `/pizzashack${i % 50}/1.0.0/1.0.0/menu/${i}:GET_condition_${i % 3}`;
    default:
      return `user${i}@carbon.super:/payments${i % 50}/1.0.0:1.0.0`;
  }
}

/**
 * A loopback source of WSO2 decision envelopes: `rate` per second, round robin over `keys`
 * keys, each throttled with a window an hour or more away.
 */
export async function startDecisionFeed(options: FeedOptions): Promise<DecisionFeed> {
  const client: MqttClient = await connectAsync(options.url, {
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  const start = Date.now();
  const firstWindow = start + FIRST_WINDOW_MS;
  let next = 0;
  let published = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) / 1000) * options.rate);
    // Never more than a second behind: a stalled process does not send a burst to catch up.
    const from = Math.max(next, due - options.rate);
    for (let n = from; n < due; n += 1) {
      const pass = Math.floor(n / options.keys);
      const key = benchKey(n % options.keys);
      const expiry = firstWindow + pass * WINDOW_STEP_MS;
      client.publish(
        options.topic,
        `{"event":{"payloadData":{"throttleKey":"${key}","isThrottled":true,"expiryTimeStamp":${expiry}}}}`,
      );
    }
    published += Math.max(0, due - from);
    next = Math.max(next, due);
  }, TICK_MS);
  return {
    get published() {
      return published;
    },
    async stop() {
      clearInterval(timer);
      await client.endAsync();
    },
  };
}
