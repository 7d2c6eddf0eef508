import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { EXIT, runCli } from '../../../electron/cli/cli';

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('tmc', () => {
  it('prints the version', async () => {
    expect(await run('--version')).toEqual({ code: EXIT.ok, out: [version], err: [] });
    expect((await run('-V')).out).toEqual([version]);
  });

  it('prints help with no arguments and with --help', async () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const result = await run(...argv);
      expect(result.code).toBe(EXIT.ok);
      expect(result.out.join('\n')).toMatch(/^tmc — Traffic Manager Console/);
    }
  });

  it('refuses an unknown command with exit code 2', async () => {
    expect(await run('frobnicate')).toEqual({
      code: EXIT.usage,
      out: [],
      err: ['tmc: unknown command "frobnicate". Run "tmc --help" for the list.'],
    });
  });
});
