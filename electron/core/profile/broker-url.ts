import { z } from 'zod';

const BROKER_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'];

/** mqtt://, mqtts://, ws:// or wss:// with a host; the message says which part is wrong. */
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
  } else if (url.username !== '' || url.password !== '') {
    ctx.addIssue({ code: 'custom', message: 'put credentials in the profile, not in the broker URL' });
  }
});
