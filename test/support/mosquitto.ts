import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './free-port';

export interface MosquittoBroker {
  port: number;
  url: string;
  /** The running process, for SIGSTOP/SIGCONT. */
  pid(): number | undefined;
  /** kill -9: the broker vanishes without a word to its clients. */
  kill(): Promise<void>;
  /** Starts again on the same port with the same configuration. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Lines for the listener (TLS files, require_certificate…). */
  listenerOptions?: string[];
  /** username → password; anonymous clients are refused when set. */
  users?: Record<string, string>;
  /** Lines for the whole broker (queue and in-flight limits…). */
  globalOptions?: string[];
}

/** A real Mosquitto process on a random loopback port, started and owned by a test. */
export async function startMosquitto(binary: string, options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'tmc-mosquitto-'));
  // Mosquitto started as root drops to its own user before it reads the password file.
  await chmod(dir, 0o755);
  const port = await freePort();
  const confPath = join(dir, 'mosquitto.conf');
  const auth: string[] = ['allow_anonymous true'];
  if (options.users) {
    const passwordFile = join(dir, 'passwords');
    await writeFile(passwordFile, '');
    for (const [user, password] of Object.entries(options.users)) {
      execFileSync(passwdBinary(binary), ['-b', passwordFile, user, password], { stdio: 'pipe' });
    }
    await chmod(passwordFile, 0o644);
    auth.splice(0, 1, 'allow_anonymous false', `password_file ${passwordFile}`);
  }
  const lines = [
    'per_listener_settings false',
    ...(options.globalOptions ?? []),
    `listener ${port} 127.0.0.1`,
    ...(options.listenerOptions ?? []),
    ...auth,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    // "information" carries the "running" line that tells us the listener is up.
    'log_type information',
  ];
  await writeFile(confPath, `${lines.join('\n')}\n`);

  let child: ChildProcess | undefined;
  async function launch(): Promise<void> {
    const next = spawn(binary, ['-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = next;
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(() => fail(new Error(`mosquitto did not start within 10 s: ${stderr}`)), 10_000);
      const onData = (chunk: Buffer): void => {
        stderr += chunk.toString();
        if (/mosquitto version \S+ running/.test(stderr)) finish();
      };
      const onExit = (code: number | null): void => fail(new Error(`mosquitto exited with ${code}: ${stderr}`));
      const finish = (): void => {
        clearTimeout(timer);
        next.stderr?.off('data', onData);
        next.off('exit', onExit);
        next.stderr?.resume();
        resolve();
      };
      const fail = (error: Error): void => {
        clearTimeout(timer);
        next.kill('SIGKILL');
        reject(error);
      };
      next.stderr?.on('data', onData);
      next.once('exit', onExit);
    });
  }

  async function kill(): Promise<void> {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    current.kill('SIGKILL');
    await once(current, 'exit');
  }

  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    pid: () => child?.pid,
    kill,
    restart: launch,
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** mosquitto_passwd ships beside mosquitto. */
function passwdBinary(mosquitto: string): string {
  const candidates = [join(dirname(mosquitto), 'mosquitto_passwd'), '/usr/bin/mosquitto_passwd'];
  return candidates.find((c) => existsSync(c)) ?? 'mosquitto_passwd';
}
