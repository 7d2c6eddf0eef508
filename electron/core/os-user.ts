import { userInfo } from 'node:os';

/** The OS user name, for the audit log; some systems have no entry for the current uid. */
export function osUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}
