import { DEFAULT_FAILOVER, DEFAULT_KEEPALIVE_SEC } from '../../../../electron/core/profile/profile-defaults';

/** Every number of a profile, by its dotted path in the profile (the path save errors use). */
export type NumberPath =
  | 'keepaliveSec'
  | 'failover.retries'
  | 'failover.connectdelay'
  | 'failover.cyclecount'
  | 'failover.connecttimeout'
  | 'failover.failbackHoldMs'
  | 'failover.backoff.initialMs'
  | 'failover.backoff.maxMs'
  | 'failover.backoff.multiplier'
  | 'failover.probe.intervalMs'
  | 'failover.probe.missesToDead';

export interface NumberField {
  label: string;
  /** Shown after the input: "ms", "s", "×"; empty for counts. */
  unit: string;
  defaultValue: number;
  /** What the value does, in a sentence. */
  help: string;
}

const { backoff, probe } = DEFAULT_FAILOVER;

export const NUMBER_FIELDS: Record<NumberPath, NumberField> = {
  keepaliveSec: {
    label: 'Keepalive',
    unit: 's',
    defaultValue: DEFAULT_KEEPALIVE_SEC,
    help: 'MQTT keepalive the broker uses to notice a dead console.',
  },
  'failover.retries': {
    label: 'Retries',
    unit: '',
    defaultValue: DEFAULT_FAILOVER.retries,
    help: 'Failed attempts in a row after which a traffic manager is not chosen until it connects again.',
  },
  'failover.connectdelay': {
    label: 'Connect delay',
    unit: 'ms',
    defaultValue: DEFAULT_FAILOVER.connectdelay,
    help: 'Least time between two connection attempts to one traffic manager.',
  },
  'failover.cyclecount': {
    label: 'Cycle count',
    unit: '',
    defaultValue: DEFAULT_FAILOVER.cyclecount,
    help: 'Passes over the whole list with nothing reachable before "all unreachable" is reported.',
  },
  'failover.connecttimeout': {
    label: 'Connect timeout',
    unit: 'ms',
    defaultValue: DEFAULT_FAILOVER.connecttimeout,
    help: 'How long one connection attempt may take.',
  },
  'failover.failbackHoldMs': {
    label: 'Failback hold',
    unit: 'ms',
    defaultValue: DEFAULT_FAILOVER.failbackHoldMs,
    help: 'Priority mode: how long a preferred traffic manager must stay healthy before it is active again.',
  },
  'failover.backoff.initialMs': {
    label: 'First delay',
    unit: 'ms',
    defaultValue: backoff.initialMs,
    help: 'Wait before the first reconnect.',
  },
  'failover.backoff.maxMs': {
    label: 'Longest delay',
    unit: 'ms',
    defaultValue: backoff.maxMs,
    help: 'The wait never grows past this.',
  },
  'failover.backoff.multiplier': {
    label: 'Multiplier',
    unit: '×',
    defaultValue: backoff.multiplier,
    help: 'Each wait is the previous one times this.',
  },
  'failover.probe.intervalMs': {
    label: 'Probe interval',
    unit: 'ms',
    defaultValue: probe.intervalMs,
    help: 'How often a probe goes through each broker to measure the round trip.',
  },
  'failover.probe.missesToDead': {
    label: 'Misses to dead',
    unit: '',
    defaultValue: probe.missesToDead,
    help: 'Probes missed in a row before a link is declared dead and recycled.',
  },
};

export const NUMBER_PATHS = Object.keys(NUMBER_FIELDS) as NumberPath[];
