import type { AppCore } from '../../core/app-core';
import type { ChangeRecord } from '../../core/throttle/change-records';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../command-args';
import { clusterEventLines } from '../cluster-event-lines';
import { EXIT } from '../exit-codes';
import { withNamedProfile } from '../opened-core';
import { PROFILE_OPTIONS } from '../profile-argument';

const COMMAND = 'tmc watch';

export const WATCH_HELP = `${COMMAND} --broker URL [--broker URL …] | --profile FILE [--json]

Connects to every broker and prints each merged change of the throttle decisions as it happens:
decisions (once per key and window, with the brokers that reported it), blocking conditions,
key templates, rejected input, disagreements between traffic managers, link state changes and
switches of the active broker. Ctrl+C stops.
  --json   one JSON object per line: {"type":"decision","key","level","parts","isThrottled",
           "expiryTimeStamp","reportedBy":[…],"receivedAt",…}, {"type":"block",…},
           {"type":"keyTemplate",…}, {"type":"rejected","broker","reason",…},
           {"type":"disagreement",…}, {"type":"link",…}, {"type":"switch",…}
Exit codes: 0 stopped by Ctrl+C, 2 usage error, 3 the profile could not be opened.`;

const WATCH_ARGS = {
  name: COMMAND,
  usage: WATCH_HELP,
  options: { ...PROFILE_OPTIONS, json: { type: 'boolean', default: false } },
  positionals: false,
} as const;

const time = (at: number): string => new Date(at).toISOString();

function recordLine(record: ChangeRecord): string {
  switch (record.type) {
    case 'decision':
      return `${time(record.receivedAt)} ${record.isThrottled ? 'THROTTLED  ' : 'unthrottled'} ${record.key} (${record.level}) until ${time(record.expiryTimeStamp)} — ${record.reportedBy.join(', ')}`;
    case 'block':
      return `${time(record.receivedAt)} block ${record.active ? 'added  ' : 'removed'} ${record.conditionType} ${record.value.text} — ${record.reportedBy.join(', ')}`;
    case 'keyTemplate':
      return `${time(record.receivedAt)} key template ${record.active ? 'added' : 'removed'} ${record.template}`;
    case 'rejected':
      return `${time(record.receivedAt)} rejected from ${record.broker}: ${record.reason}`;
    case 'disagreement': {
      const what = record.kind === 'missing' ? 'did not report' : 'reports the opposite of';
      const tail = record.resolved ? ' (resolved: its report arrived late)' : '';
      return `${time(record.at)} DISAGREEMENT ${record.broker} ${what} ${record.key} ${record.isThrottled ? 'throttled' : 'unthrottled'}${tail}`;
    }
  }
}

export async function watchCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseCommandArgs(ctx.io, WATCH_ARGS, argv);
  if (!args.ok) return args.exit;
  const { json } = args.values;
  const lineFor = clusterEventLines(json);
  const listen = (core: AppCore): (() => void) => {
    const offCluster = core.onClusterEvent((event) => {
      const line = lineFor(event);
      if (line !== undefined) ctx.io.out(line);
    });
    const offThrottle = core.onThrottleEvent((event) => {
      if (event.type === 'change') ctx.io.out(json ? JSON.stringify(event.record) : recordLine(event.record));
    });
    return () => {
      offCluster();
      offThrottle();
    };
  };
  const interrupted = async (): Promise<number> => {
    await ctx.untilInterrupted();
    return EXIT.ok;
  };
  return withNamedProfile(ctx, COMMAND, args.values, interrupted, { listen });
}
