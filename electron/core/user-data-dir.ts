import { join } from 'node:path';

/** Electron names the app's folder after package.json's name. */
const APP_FOLDER = 'traffic-manager-console';

/**
 * The folder Electron's `app.getPath('userData')` gives the desktop app on this platform, so the
 * command line audits pushes where the app shows them.
 */
export function userDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
