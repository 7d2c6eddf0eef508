import { readFile } from 'node:fs/promises';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import { runCli, type CliContext } from '../../electron/cli/cli';
import type { CoreOptions } from '../../electron/cli/cli-context';
import { NO_SECRETS } from '../../electron/core/profile/no-secrets';

/** A core as `tmc` makes one (real mqtt.js, the CLI as the policy source), without secrets. */
export function createCliCore(options?: CoreOptions): AppCore {
  return createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: { name: 'Traffic Manager Console', version: 'test' },
    policies: { user: 'ops', source: 'cli', ...(options?.dataDir !== undefined ? { dir: options.dataDir } : {}) },
  });
}

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/**
 * Runs `tmc` in-process on real mqtt.js clients. `onLine` sees each output line as it comes and
 * may call `interrupt()` to end a --watch, as Ctrl+C would.
 */
export async function runTmc(
  argv: string[],
  onLine?: (line: string, interrupt: () => void) => void,
  stdin: readonly (string | Buffer)[] = [],
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const ctx: CliContext = {
    input: (async function* () {
      yield* stdin;
    })(),
    io: {
      out: (line) => {
        out.push(line);
        onLine?.(line, interrupt);
      },
      err: (line) => err.push(line),
    },
    createCore: createCliCore,
    untilInterrupted: () => interrupted,
  };
  const code = await runCli(argv, ctx);
  return { code, out, err };
}
