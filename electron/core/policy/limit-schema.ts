import { z } from 'zod';

// Throttle limits as the admin REST API writes them: `type` names which of the three limit
// objects is set; exported policies send the other two as null.

export const TIME_UNITS = ['sec', 'min', 'hour', 'day', 'month', 'year'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export const TimeUnitSchema = z.enum(TIME_UNITS);

export const DATA_UNITS = ['KB', 'MB', 'GB'] as const;
export type DataUnit = (typeof DATA_UNITS)[number];

export const LIMIT_TYPES = ['REQUESTCOUNTLIMIT', 'BANDWIDTHLIMIT', 'EVENTCOUNTLIMIT'] as const;
export type LimitType = (typeof LIMIT_TYPES)[number];

/** A count that must be a whole number above zero (limits of zero would throttle everything). */
export const positiveCount = z
  .number()
  .int('must be a whole number')
  .positive('must be greater than 0')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

const base = {
  timeUnit: TimeUnitSchema,
  unitTime: positiveCount,
};

export const RequestCountSchema = z.looseObject({ ...base, requestCount: positiveCount });
export const BandwidthSchema = z.looseObject({
  ...base,
  dataAmount: positiveCount,
  dataUnit: z.enum(DATA_UNITS),
});
export const EventCountSchema = z.looseObject({ ...base, eventCount: positiveCount });

/** Which field holds the limit object for each limit type. */
export const LIMIT_FIELD = {
  REQUESTCOUNTLIMIT: 'requestCount',
  BANDWIDTHLIMIT: 'bandwidth',
  EVENTCOUNTLIMIT: 'eventCount',
} as const satisfies Record<LimitType, string>;

function onlyItsOwnLimit(type: LimitType) {
  return (limit: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    for (const other of LIMIT_TYPES) {
      const field = LIMIT_FIELD[other];
      if (other === type || limit[field] === null || limit[field] === undefined) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `must be empty for a ${type} limit (it belongs to ${other}); set "type" to ${other} or remove it`,
      });
    }
  };
}

export const ThrottleLimitSchema = z.discriminatedUnion('type', [
  z
    .looseObject({ type: z.literal('REQUESTCOUNTLIMIT'), requestCount: RequestCountSchema })
    .superRefine(onlyItsOwnLimit('REQUESTCOUNTLIMIT')),
  z
    .looseObject({ type: z.literal('BANDWIDTHLIMIT'), bandwidth: BandwidthSchema })
    .superRefine(onlyItsOwnLimit('BANDWIDTHLIMIT')),
  z
    .looseObject({ type: z.literal('EVENTCOUNTLIMIT'), eventCount: EventCountSchema })
    .superRefine(onlyItsOwnLimit('EVENTCOUNTLIMIT')),
]);

export type ThrottleLimit = z.output<typeof ThrottleLimitSchema>;
export type RequestCountLimit = z.output<typeof RequestCountSchema>;
export type BandwidthLimit = z.output<typeof BandwidthSchema>;
