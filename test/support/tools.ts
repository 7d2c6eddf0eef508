import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Tool {
  available: boolean;
  path: string | undefined;
  reason: string;
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A system tool a suite needs. Missing outside CI: the suite is skipped with a printed reason.
 * Missing under CI=true: a failure, because CI installs every tool the tests need.
 */
function requireTool(name: string, path: string | undefined, install: string): Tool {
  if (path !== undefined) return { available: true, path, reason: '' };
  const reason = `${name} is not installed (${install})`;
  if (process.env.CI === 'true') throw new Error(`${reason}: CI must provide it.`);
  console.warn(`Skipping suite: ${reason}.`);
  return { available: false, path: undefined, reason };
}

export function mosquittoTool(): Tool {
  const path = onPath('mosquitto') ?? ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto'].find(executable);
  return requireTool('mosquitto', path, 'apt-get install mosquitto');
}

export function chromiumTool(): Tool {
  const configured = process.env.CHROMIUM_PATH;
  const path = configured
    ? executable(configured)
      ? configured
      : undefined
    : ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(executable);
  return requireTool(
    'chromium',
    path,
    configured ? `CHROMIUM_PATH=${configured} is not executable` : 'apt-get install chromium, or set CHROMIUM_PATH',
  );
}
