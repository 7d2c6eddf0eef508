import type { BrokerReport } from '../../core/policy/sync-matrix';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../command-args';
import { whenPoliciesKnown } from '../cluster-connect';
import { EXIT } from '../exit-codes';
import { withNamedProfile } from '../opened-core';
import { PROFILE_OPTIONS } from '../profile-argument';

const COMMAND = 'tmc policy list';

export const POLICY_LIST_USAGE = `Usage: ${COMMAND} --broker URL [--broker URL …] | --profile FILE [--json]

Prints what each traffic manager reports it runs (its retained state): every policy and blocking
condition with its revision and digest.
  --json    one JSON object {"type":"policies","tms":[{brokerId, tmId, live, phase, policies, blocks}]}
Exit codes: 0 at least one traffic manager reported, 2 usage error, 3 none did.`;

const POLICY_LIST_ARGS = {
  name: COMMAND,
  usage: POLICY_LIST_USAGE,
  options: { ...PROFILE_OPTIONS, json: { type: 'boolean', default: false } },
  positionals: false,
} as const;

function printReport(out: (line: string) => void, report: BrokerReport): void {
  const { brokerId, tracked } = report;
  if (!tracked) {
    out(`${brokerId}: no state received`);
    return;
  }
  const { state } = tracked;
  const name = tracked.tmId === brokerId ? brokerId : `${brokerId} (${tracked.tmId})`;
  const stale = tracked.live ? '' : ', not connected: last known state';
  out(`${name}: ${state.phase}, ${state.policies.length} policies, ${state.blocks.length} blocking conditions${stale}`);
  for (const p of state.policies)
    out(
      `  ${p.type.padEnd(12)} ${p.name.padEnd(28)} revision ${String(p.revision).padEnd(4)} ${p.digest.slice(0, 12)}`,
    );
  for (const b of state.blocks)
    out(
      `  ${'blocking'.padEnd(12)} ${b.conditionId.padEnd(28)} revision ${String(b.revision).padEnd(4)} ${b.digest.slice(0, 12)} ${b.conditionType} ${b.conditionValue}${b.enabled ? '' : ' (disabled)'}`,
    );
}

export async function runPolicyList(argv: readonly string[], ctx: CliContext): Promise<number> {
  const args = parseCommandArgs(ctx.io, POLICY_LIST_ARGS, argv);
  if (!args.ok) return args.exit;
  const { values } = args;
  return withNamedProfile(ctx, COMMAND, values, async (core, profile) => {
    await whenPoliciesKnown(core, profile);
    const reports = core.reports.all();
    if (values.json) {
      const tms = reports.map(({ brokerId, tracked }) => ({
        brokerId,
        tmId: tracked?.tmId ?? null,
        live: tracked?.live ?? false,
        phase: tracked?.state.phase ?? null,
        policies: tracked?.state.policies ?? [],
        blocks: tracked?.state.blocks ?? [],
      }));
      ctx.io.out(JSON.stringify({ type: 'policies', tms }));
    } else for (const report of reports) printReport((line) => ctx.io.out(line), report);
    return reports.some((r) => r.tracked?.live) ? EXIT.ok : EXIT.unreachable;
  });
}
