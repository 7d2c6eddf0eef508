// Every profile default, in one zod-free place: profile-schema.ts applies them, and the page's
// editor shows them ("default: 250 ms") without loading zod.

export const DEFAULT_MQTT_VERSION = '3.1.1';
export const DEFAULT_KEEPALIVE_SEC = 10;

export const DEFAULT_FAILOVER = {
  mode: 'priority',
  retries: 3,
  connectdelay: 0,
  cyclecount: 1,
  connecttimeout: 5_000,
  backoff: { initialMs: 250, maxMs: 30_000, multiplier: 2, jitter: true },
  probe: { intervalMs: 250, missesToDead: 3 },
  failbackHoldMs: 10_000,
} as const;

export const DEFAULT_TOPICS = {
  throttleData: 'throttleData',
  requests: 'tmc/requests',
  control: 'tmc/control',
  ackPrefix: 'tmc/ack',
  tmPrefix: 'tmc/tm',
  probePrefix: 'tmc/probe',
  sync: 'tmc/sync',
} as const;

export type TopicKey = keyof typeof DEFAULT_TOPICS;
export const TOPIC_KEYS = Object.keys(DEFAULT_TOPICS) as TopicKey[];
