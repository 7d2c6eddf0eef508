import { z } from 'zod';
import { checkIp, checkIpRange } from './condition-schema';

// Blocking (deny) conditions as the admin REST API writes them. IP values come as an object or,
// as gateways receive them, as that object serialized to a JSON string; both are accepted.

export const BLOCKING_TYPES = ['API', 'APPLICATION', 'IP', 'IPRANGE', 'USER', 'SUBSCRIPTION'] as const;
export type BlockingType = (typeof BLOCKING_TYPES)[number];

const HINTS: Record<Exclude<BlockingType, 'IP' | 'IPRANGE'>, { pattern: RegExp; hint: string }> = {
  API: { pattern: /^\/\S*$/, hint: 'an API context starting with "/", e.g. /pizzashack/1.0.0' },
  APPLICATION: { pattern: /^[^:\s][^:]*:[^:]*\S$/, hint: '"{subscriber}:{applicationName}", e.g. admin:PizzaApp' },
  USER: { pattern: /^\S+$/, hint: 'a tenant-qualified user name, e.g. admin@carbon.super' },
  SUBSCRIPTION: {
    pattern: /^\/\S*:[^:\s]+:[^:]+-[^:]+:(PRODUCTION|SANDBOX)$/,
    hint: '"{apiContext}:{apiVersion}:{subscriber}-{applicationName}:{PRODUCTION|SANDBOX}"',
  },
};

/** An IP or IP range value, object or JSON string; undefined when it is neither. */
export function ipValueObject(value: unknown): Record<string, unknown> | undefined {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)
    ? (candidate as Record<string, unknown>)
    : undefined;
}

function checkInvert(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (value.invert !== undefined && typeof value.invert !== 'boolean') {
    ctx.addIssue({ code: 'custom', path: ['conditionValue', 'invert'], message: 'must be true or false' });
  }
}

export const BlockingConditionSchema = z
  .looseObject({
    conditionId: z.union([z.string().regex(/\S/, 'must not be empty'), z.number().int()]).nullish(),
    conditionType: z.enum(BLOCKING_TYPES),
    conditionValue: z.unknown(),
    conditionStatus: z.boolean().nullish(),
  })
  .superRefine((condition, ctx) => {
    const { conditionType: type, conditionValue: value } = condition;
    if (type === 'IP' || type === 'IPRANGE') {
      const object = ipValueObject(value);
      const shape =
        type === 'IP' ? '{"fixedIp": "…", "invert": false}' : '{"startingIp": "…", "endingIp": "…", "invert": false}';
      if (!object) {
        ctx.addIssue({
          code: 'custom',
          path: ['conditionValue'],
          message: `must be ${shape} (an object or its JSON text)`,
        });
        return;
      }
      checkInvert(object, ctx);
      if (type === 'IP') checkIp(object.fixedIp, ['conditionValue', 'fixedIp'], ctx);
      else
        checkIpRange(
          object.startingIp,
          object.endingIp,
          { start: ['conditionValue', 'startingIp'], end: ['conditionValue', 'endingIp'] },
          ctx,
        );
      return;
    }
    const { pattern, hint } = HINTS[type];
    if (typeof value !== 'string' || !pattern.test(value)) {
      const got = typeof value === 'string' ? `"${value}"` : value === undefined ? 'nothing' : JSON.stringify(value);
      ctx.addIssue({ code: 'custom', path: ['conditionValue'], message: `must be ${hint} (got ${got})` });
    }
  });

export type BlockingCondition = z.output<typeof BlockingConditionSchema>;
