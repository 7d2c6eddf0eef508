import type { AppCore } from '../core/app-core';
import type { Profile } from '../core/profile/profile-schema';
import type { CliContext, CoreOptions } from './cli-context';
import { refuseUsage } from './command-args';
import { EXIT } from './exit-codes';
import { profileFromArguments, type ProfileValues } from './profile-argument';

// A command's time on the cluster: a fresh core with the chosen profile open, stopped however
// the command ends, so no MQTT client outlives it.

export interface OpenedCoreOptions {
  core?: CoreOptions;
  /** Subscribes before the profile opens, to see its first link events; the returned unsubscribe runs before the core stops. */
  listen?: (core: AppCore) => () => void;
}

/** Runs `run` on a fresh core with `profile` open; when it cannot open, says why as `COMMAND: reason` and exits 3. */
export async function withOpenedCore(
  ctx: CliContext,
  command: string,
  profile: Profile,
  run: (core: AppCore) => Promise<number>,
  options: OpenedCoreOptions = {},
): Promise<number> {
  const core = ctx.createCore(options.core);
  const unlisten = options.listen?.(core);
  try {
    const opened = await core.open(profile);
    if (!opened.done) {
      ctx.io.err(`${command}: ${opened.message}`);
      return EXIT.unreachable;
    }
    return await run(core);
  } finally {
    unlisten?.();
    await core.stop();
  }
}

/** As `withOpenedCore`, on the profile `--broker URL …` or `--profile FILE` names; exit 2 with the reason when they name none. */
export async function withNamedProfile(
  ctx: CliContext,
  command: string,
  values: ProfileValues,
  run: (core: AppCore, profile: Profile) => Promise<number>,
  options: OpenedCoreOptions = {},
): Promise<number> {
  const chosen = await profileFromArguments(values.broker, values.profile);
  if (!chosen.ok) return refuseUsage(ctx.io, command, chosen.error);
  return withOpenedCore(ctx, command, chosen.profile, (core) => run(core, chosen.profile), options);
}
