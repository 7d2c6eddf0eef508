import { z } from 'zod';
import { parseIp, type IpAddress } from './ip-address';

// Conditions of an advanced policy's conditional group, in the admin REST API's shape: `type`
// names which condition object is set; exported policies send the others as null.

export const nonBlank = z.string().regex(/\S/, 'must not be empty');

export const CONDITION_TYPES = [
  'HEADERCONDITION',
  'IPCONDITION',
  'JWTCLAIMSCONDITION',
  'QUERYPARAMETERCONDITION',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

/** Adds an issue unless `text` is an IP address; returns the parsed address. */
export function checkIp(text: unknown, path: (string | number)[], ctx: z.RefinementCtx): IpAddress | undefined {
  if (typeof text !== 'string' || text.trim() === '') {
    ctx.addIssue({ code: 'custom', path, message: 'is required: an IPv4 or IPv6 address' });
    return undefined;
  }
  const ip = parseIp(text);
  if (!ip) ctx.addIssue({ code: 'custom', path, message: `"${text}" is not a valid IPv4 or IPv6 address` });
  return ip;
}

/** Checks a range's two ends: both valid, the same family, start not after end. */
export function checkIpRange(
  start: unknown,
  end: unknown,
  paths: { start: (string | number)[]; end: (string | number)[] },
  ctx: z.RefinementCtx,
): void {
  const from = checkIp(start, paths.start, ctx);
  const to = checkIp(end, paths.end, ctx);
  if (!from || !to) return;
  if (from.family !== to.family) {
    ctx.addIssue({
      code: 'custom',
      path: paths.end,
      message: `must be an IPv${from.family} address like the start of the range (got IPv${to.family})`,
    });
  } else if (from.value > to.value) {
    ctx.addIssue({
      code: 'custom',
      path: paths.end,
      message: `must not come before the start of the range (${String(start)} > ${String(end)})`,
    });
  }
}

const invertCondition = z.boolean().nullish();

export const HeaderConditionSchema = z.looseObject({
  type: z.literal('HEADERCONDITION'),
  invertCondition,
  headerCondition: z.looseObject({ headerName: nonBlank, headerValue: nonBlank }),
});

export const IpConditionBodySchema = z
  .looseObject({
    ipConditionType: z.enum(['IPSPECIFIC', 'IPRANGE']),
    specificIP: z.string().nullish(),
    startingIP: z.string().nullish(),
    endingIP: z.string().nullish(),
  })
  .superRefine((ip, ctx) => {
    if (ip.ipConditionType === 'IPSPECIFIC') checkIp(ip.specificIP, ['specificIP'], ctx);
    else checkIpRange(ip.startingIP, ip.endingIP, { start: ['startingIP'], end: ['endingIP'] }, ctx);
  });

export const IpConditionSchema = z.looseObject({
  type: z.literal('IPCONDITION'),
  invertCondition,
  ipCondition: IpConditionBodySchema,
});

export const JwtClaimsConditionSchema = z.looseObject({
  type: z.literal('JWTCLAIMSCONDITION'),
  invertCondition,
  jwtClaimsCondition: z.looseObject({ claimUrl: nonBlank, attribute: nonBlank }),
});

export const QueryParameterConditionSchema = z.looseObject({
  type: z.literal('QUERYPARAMETERCONDITION'),
  invertCondition,
  queryParameterCondition: z.looseObject({ parameterName: nonBlank, parameterValue: nonBlank }),
});

export const ThrottleConditionSchema = z.discriminatedUnion('type', [
  HeaderConditionSchema,
  IpConditionSchema,
  JwtClaimsConditionSchema,
  QueryParameterConditionSchema,
]);

export type ThrottleCondition = z.output<typeof ThrottleConditionSchema>;
