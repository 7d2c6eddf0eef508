import type { AppCore } from '../core/app-core';
import type { PolicyIssue } from '../core/policy/human-issue';
import type { PushStart } from '../core/policy/policy-service';
import { ackedBy, type PushView } from '../core/policy/push-view';
import type { Profile } from '../core/profile/profile-schema';
import type { CliContext } from './cli-context';
import { DEFAULT_DATA_DIR, whenPoliciesKnown } from './cluster-connect';
import { EXIT } from './exit-codes';
import { withOpenedCore } from './opened-core';
import { PROFILE_OPTIONS, profileFromArguments, type ProfileValues } from './profile-argument';

// What `tmc policy push` and `tmc block add|remove` share: the connection options, running one
// push to its end (acknowledgement, or sync with --wait-sync), the outcome line and exit code.

export const PUSH_OPTIONS_HELP = `  --broker URL …    the traffic managers' brokers, in failover order (or --profile FILE)
  --wait-sync       wait until every traffic manager reports the change (deadline 10 s)
  --json            print the outcome as one JSON object {"type":"push",…}
  --data-dir DIR    where the push is audited (default ${DEFAULT_DATA_DIR})
Exit codes: 0 acknowledged (with --wait-sync: and synced), 1 rejected, not acknowledged or
lagging, 2 usage error, 3 no broker reachable.`;

export const PUSH_OPTIONS = {
  ...PROFILE_OPTIONS,
  'wait-sync': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} as const;

export interface PushArgs {
  profile: Profile;
  waitSync: boolean;
  json: boolean;
  dataDir: string;
}

interface PushValues extends ProfileValues {
  'wait-sync': boolean;
  json: boolean;
  'data-dir'?: string | undefined;
}

/** The connection part of a push command's arguments; an error line when they do not make a profile. */
export async function pushArgs(
  values: PushValues,
): Promise<{ ok: true; args: PushArgs } | { ok: false; error: string }> {
  const chosen = await profileFromArguments(values.broker, values.profile);
  if (!chosen.ok) return chosen;
  return {
    ok: true,
    args: {
      profile: chosen.profile,
      waitSync: values['wait-sync'],
      json: values.json,
      dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
    },
  };
}

const ACKNOWLEDGED: readonly PushView['phase'][] = ['acknowledged', 'syncing', 'synced', 'lagging'];

export function pushExitCode(view: PushView, waitSync: boolean): number {
  if (view.phase === 'failed' && view.attempts.length === 0) return EXIT.unreachable;
  if (!ACKNOWLEDGED.includes(view.phase)) return EXIT.failed;
  if (!waitSync) return EXIT.ok;
  return view.phase === 'synced' || view.phase === 'acknowledged' ? EXIT.ok : EXIT.failed;
}

export function issueLines(prefix: string, errors: readonly PolicyIssue[]): string[] {
  return errors.map((error) => `${prefix}${error.path}: ${error.message}`);
}

/** Opens the cluster, starts the push, waits for its outcome, prints it, and closes. */
export async function runPush(
  ctx: CliContext,
  command: string,
  args: PushArgs,
  start: (core: AppCore) => Promise<PushStart>,
): Promise<number> {
  const run = async (core: AppCore): Promise<number> => {
    await whenPoliciesKnown(core, args.profile);
    const started = await start(core);
    if (!started.started) {
      ctx.io.err(`${command}: ${started.message}`);
      for (const line of issueLines('', started.errors)) ctx.io.err(line);
      return EXIT.failed;
    }
    // Ctrl+C with the push on the wire ends it as quitting the console does: its outcome is
    // audited and printed, rather than the process dying with a push in flight and no record.
    void ctx.untilInterrupted().then(() => core.policies.stop());
    let view = await started.acknowledged;
    if (args.waitSync) view = await started.done;
    // Without --wait-sync the sync has only just begun: its counts would say nothing yet.
    const words = view.phase === 'syncing' ? `${ackedBy(view)}; not waiting for the other TMs to sync.` : view.message;
    ctx.io.out(args.json ? JSON.stringify({ type: 'push', ...view }) : words);
    return pushExitCode(view, args.waitSync);
  };
  return withOpenedCore(ctx, command, args.profile, run, { core: { dataDir: args.dataDir } });
}
