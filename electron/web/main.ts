import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../core/app-core';
import { APP_INFO } from '../core/app-info';
import { mqttConnector } from '../core/cluster/mqtt-connector';
import { NO_SECRETS } from '../core/profile/no-secrets';
import { openProfileOrDemo } from '../demo/profile-or-demo';
import { startWebHost } from './web-host';

const USAGE = `Usage: npm run web [-- --profile FILE] [--port N]

Serves the console on http://127.0.0.1 with a per-start token. Without --profile it starts the
embedded demo cluster and connects to it.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { profile: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}".`);

  const choice = await openProfileOrDemo(values.profile);
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: APP_INFO,
  });
  const opened = await core.open(choice.profile);
  if (!opened.done) console.error(`Profile "${choice.profile.name}": ${opened.message}`);
  const host = await startWebHost({ rendererDir: resolve(__dirname, '../renderer'), core, port });
  console.log(`${APP_INFO.name} ${APP_INFO.version} on profile "${choice.profile.name}"`);
  console.log(`Open ${host.url}`);

  const shutdown = async (): Promise<void> => {
    await host.close();
    await core.stop();
    await choice.demo?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`web host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
