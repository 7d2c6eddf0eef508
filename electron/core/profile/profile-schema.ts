import { z } from 'zod';

const BROKER_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

export const BrokerUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL (expected e.g. mqtt://host:1883)` });
    return;
  }
  if (!BROKER_SCHEMES.includes(url.protocol)) {
    ctx.addIssue({
      code: 'custom',
      message: `scheme "${url.protocol}" is not supported (use mqtt://, mqtts://, ws:// or wss://)`,
    });
  } else if (url.hostname === '') {
    ctx.addIssue({ code: 'custom', message: `"${value}" has no host` });
  }
});

export const BrokerEntrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, "-" or "_"'),
  label: z.string().min(1).max(120),
  url: BrokerUrlSchema,
});

export const ProfileSchema = z
  .object({
    name: z.string().min(1).max(120),
    brokers: z.array(BrokerEntrySchema).min(1, 'a profile needs at least one broker'),
  })
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
  });

export type BrokerEntry = z.output<typeof BrokerEntrySchema>;
export type Profile = z.output<typeof ProfileSchema>;

/** A profile from bare broker URLs, as `--broker URL` on the command line gives them. */
export function profileFromUrls(name: string, urls: readonly string[]): Profile {
  return ProfileSchema.parse({
    name,
    brokers: urls.map((url, index) => ({ id: `tm${index + 1}`, label: `TM ${index + 1}`, url })),
  });
}
