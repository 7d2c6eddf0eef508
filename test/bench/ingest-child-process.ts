// Runs a part of `bench:ingest` in a process of its own (so its peak RSS is its own), passing
// its printed lines through and taking the JSON line it ends with as its result.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function runBenchChild<T>(script: string, args: string[] = []): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = '';
  let result: T | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{')) result = JSON.parse(line) as T;
      else console.log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (pending.startsWith('{')) result = JSON.parse(pending) as T;
  if (code !== 0 || result === undefined) throw new Error(`${script} ended with code ${code} and no result`);
  return result;
}
