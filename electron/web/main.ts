import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_INFO } from '../core/app-info';
import { startApp } from '../core/app-start';
import { userDataDir } from '../core/user-data-dir';
import { createEnvSecretStore } from '../core/profile/env-secret-store';
import { demoBuiltIn } from '../demo/demo-built-in';
import { startWebHost } from './web-host';

const USAGE = `Usage: npm run web [-- --profile FILE] [--port N] [--data-dir DIR]

Serves the console on http://127.0.0.1 with a per-start token printed in the URL. Opens
--profile FILE, else the profile used last, else the embedded demo cluster when no profile
exists. Profiles are kept in --data-dir (default: the desktop app's folder, ${userDataDir(process.platform, process.env, homedir())}).
This host has no keychain: secrets come from TMC_SECRET_<REF> environment variables.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}".`);

  const demo = demoBuiltIn();
  const { core, problem } = await startApp({
    dataDir: values['data-dir'] ?? userDataDir(process.platform, process.env, homedir()),
    secrets: createEnvSecretStore(process.env),
    canStoreSecrets: false,
    builtIns: [demo],
    profilePath: values.profile,
  });
  if (problem) console.error(`Startup profile not opened: ${problem}`);
  const host = await startWebHost({ rendererDir: resolve(__dirname, '../renderer'), core, port });
  console.log(`${APP_INFO.name} ${APP_INFO.version}`);
  console.log(`Open ${host.url}`);

  const shutdown = async (): Promise<void> => {
    await host.close();
    await core.stop();
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`web host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
