import type { ClusterState } from '../../core/cluster/cluster';
import type { LinkSnapshot } from '../../core/host/contract';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../command-args';
import { clusterEventLines } from '../cluster-event-lines';
import { EXIT } from '../exit-codes';
import { whenSettled } from '../cluster-connect';
import { withNamedProfile } from '../opened-core';
import { PROFILE_OPTIONS } from '../profile-argument';

const COMMAND = 'tmc status';

export const STATUS_HELP = `${COMMAND} --broker URL [--broker URL …] | --profile FILE [--json] [--watch]

Connects to every broker, prints each one's health and the active one.
  --json    one JSON object: {"type":"status","profile",…,"links":[…],"active"}
  --watch   keep running; print link state changes and switches as they happen
            (with --json: one {"type":"link",…} or {"type":"switch",…} per line)
Exit codes: 0 at least one broker reachable, 2 usage error, 3 no broker reachable.
Secrets named in a profile are read from TMC_SECRET_<REF> environment variables.`;

const STATUS_ARGS = {
  name: COMMAND,
  usage: STATUS_HELP,
  options: {
    ...PROFILE_OPTIONS,
    json: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
  },
  positionals: false,
} as const;

function linkLine(link: LinkSnapshot, active: string | null): string {
  const marker = link.brokerId === active ? '*' : ' ';
  const detail = link.state === 'connected' ? `rtt ${link.rttMs ?? '?'} ms` : (link.lastError ?? '');
  return `${marker} ${link.brokerId.padEnd(8)} ${link.url.padEnd(30)} ${link.state.padEnd(13)} ${detail}`;
}

function printStatus(ctx: CliContext, snapshot: ClusterState, json: boolean): void {
  const { active } = snapshot.failover;
  if (json) {
    ctx.io.out(
      JSON.stringify({
        type: 'status',
        profile: snapshot.profileName,
        mode: snapshot.failover.mode,
        active,
        links: snapshot.links,
      }),
    );
    return;
  }
  ctx.io.out(`Profile "${snapshot.profileName}" (${snapshot.failover.mode} failover)`);
  for (const link of snapshot.links) ctx.io.out(linkLine(link, active));
  ctx.io.out(active ? `Active: ${active}` : 'Active: none — no traffic manager is reachable');
}

export async function statusCommand(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseCommandArgs(ctx.io, STATUS_ARGS, argv);
  if (!args.ok) return args.exit;
  const { values } = args;
  return withNamedProfile(ctx, COMMAND, values, async (core, profile) => {
    await whenSettled(core, profile);
    const snapshot = core.cluster()?.snapshot();
    if (!snapshot) return EXIT.unreachable;
    printStatus(ctx, snapshot, values.json);
    if (!values.watch) return snapshot.failover.active ? EXIT.ok : EXIT.unreachable;
    const lineFor = clusterEventLines(values.json, snapshot.links);
    const off = core.onClusterEvent((event) => {
      const line = lineFor(event);
      if (line !== undefined) ctx.io.out(line);
    });
    await ctx.untilInterrupted();
    off();
    return EXIT.ok;
  });
}
