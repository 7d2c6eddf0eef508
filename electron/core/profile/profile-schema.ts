import { z } from 'zod';
import { BrokerUrlSchema } from './broker-url';
import { DEFAULT_FAILOVER, DEFAULT_KEEPALIVE_SEC, DEFAULT_MQTT_VERSION, DEFAULT_TOPICS } from './profile-defaults';

// A connection profile: which traffic managers, how to reach them, how to fail over. Every
// field has a default so an operator only writes what differs from the common case.

const TopicSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((t) => !/[#+\0]/.test(t), 'a topic name may not contain "#", "+" or NUL');

export const TopicsSchema = z.object({
  throttleData: TopicSchema.default(DEFAULT_TOPICS.throttleData),
  requests: TopicSchema.default(DEFAULT_TOPICS.requests),
  control: TopicSchema.default(DEFAULT_TOPICS.control),
  ackPrefix: TopicSchema.default(DEFAULT_TOPICS.ackPrefix),
  tmPrefix: TopicSchema.default(DEFAULT_TOPICS.tmPrefix),
  probePrefix: TopicSchema.default(DEFAULT_TOPICS.probePrefix),
  sync: TopicSchema.default(DEFAULT_TOPICS.sync),
});

const Ms = z.number().int().nonnegative();

export const BackoffSchema = z
  .object({
    // An hour at most: a timer past about 24.8 days would fire at once, and retry without pause.
    initialMs: Ms.min(10).max(3_600_000).default(DEFAULT_FAILOVER.backoff.initialMs),
    maxMs: Ms.min(10).max(3_600_000).default(DEFAULT_FAILOVER.backoff.maxMs),
    multiplier: z.number().min(1).max(10).default(DEFAULT_FAILOVER.backoff.multiplier),
    /** Full jitter: each delay is drawn uniformly from [0, computed delay] when true. */
    jitter: z.boolean().default(DEFAULT_FAILOVER.backoff.jitter),
  })
  .refine((b) => b.maxMs >= b.initialMs, { message: 'maxMs must be at least initialMs', path: ['maxMs'] });

export const ProbeSchema = z.object({
  intervalMs: Ms.min(50).max(60_000).default(DEFAULT_FAILOVER.probe.intervalMs),
  missesToDead: z.number().int().min(1).max(100).default(DEFAULT_FAILOVER.probe.missesToDead),
});

export const FailoverSchema = z.object({
  mode: z.enum(['priority', 'sticky']).default(DEFAULT_FAILOVER.mode),
  /** Failed attempts in a row after which a broker is not selectable until it connects again. */
  retries: z.number().int().min(0).max(1000).default(DEFAULT_FAILOVER.retries),
  /** Minimum gap between two connection attempts to one broker. */
  connectdelay: Ms.max(600_000).default(DEFAULT_FAILOVER.connectdelay),
  /** Passes over the whole list with nothing reachable before "all unreachable" is reported. */
  cyclecount: z.number().int().min(1).max(1000).default(DEFAULT_FAILOVER.cyclecount),
  connecttimeout: Ms.min(100).max(120_000).default(DEFAULT_FAILOVER.connecttimeout),
  backoff: BackoffSchema.default({ ...DEFAULT_FAILOVER.backoff }),
  probe: ProbeSchema.default({ ...DEFAULT_FAILOVER.probe }),
  /** Priority mode: how long a preferred broker must stay healthy before it is active again. */
  failbackHoldMs: Ms.max(3_600_000).default(DEFAULT_FAILOVER.failbackHoldMs),
});

export const TlsSchema = z.object({
  caFile: z.string().min(1).optional(),
  certFile: z.string().min(1).optional(),
  keyFile: z.string().min(1).optional(),
  /** Name of the secret holding the key's passphrase; never the passphrase itself. */
  keyPassphraseRef: z.string().min(1).optional(),
  /** Name to verify the certificate against when it differs from the URL's host. */
  serverName: z.string().min(1).optional(),
  verify: z.boolean().default(true),
});

export const BrokerEntrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, "-" or "_"'),
  label: z.string().min(1).max(120),
  url: BrokerUrlSchema,
  /** Per-broker TLS server name, for clusters whose brokers sit behind different names. */
  tlsServerName: z.string().min(1).optional(),
});

export const ProfileSchema = z
  .object({
    name: z.string().min(1).max(120),
    brokers: z.array(BrokerEntrySchema).min(1, 'a profile needs at least one broker').max(32),
    username: z.string().max(256).optional(),
    /** Name of the secret holding the password in the SecretStore; never the password itself. */
    passwordRef: z.string().min(1).max(256).optional(),
    tls: TlsSchema.default({ verify: true }),
    mqttVersion: z.enum(['3.1.1', '5']).default(DEFAULT_MQTT_VERSION),
    keepaliveSec: z.number().int().min(1).max(3600).default(DEFAULT_KEEPALIVE_SEC),
    failover: FailoverSchema.default(FailoverSchema.parse({})),
    topics: TopicsSchema.default(TopicsSchema.parse({})),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.brokers.forEach((broker, index) => {
      if (seen.has(broker.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['brokers', index, 'id'],
          message: `broker id "${broker.id}" is used twice`,
        });
      }
      seen.add(broker.id);
    });
    if (profile.passwordRef !== undefined && profile.username === undefined) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'a password needs a username' });
    }
    if ((profile.tls.certFile === undefined) !== (profile.tls.keyFile === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tls'],
        message: 'a client certificate needs its key, and a key its certificate',
      });
    }
  });

export type BrokerEntry = z.output<typeof BrokerEntrySchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;
export type FailoverSettings = z.output<typeof FailoverSchema>;
export type Topics = z.output<typeof TopicsSchema>;

/** A profile from bare broker URLs, as `--broker URL` on the command line gives them. */
export function profileFromUrls(name: string, urls: readonly string[]): Profile {
  return ProfileSchema.parse({
    name,
    brokers: urls.map((url, index) => ({ id: `tm${index + 1}`, label: `TM ${index + 1}`, url })),
  });
}
