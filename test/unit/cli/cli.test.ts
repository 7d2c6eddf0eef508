import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { EXIT } from '../../../electron/cli/cli';
import { runTmc } from '../../support/cli-run';

describe('tmc', () => {
  it('prints the version', async () => {
    expect(await runTmc(['--version'])).toEqual({ code: EXIT.ok, out: [version], err: [] });
    expect((await runTmc(['-V'])).out).toEqual([version]);
  });

  it('prints help listing the commands with no arguments and with --help', async () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const result = await runTmc(argv);
      expect(result.code).toBe(EXIT.ok);
      expect(result.out.join('\n')).toMatch(/^tmc — Traffic Manager Console/);
      expect(result.out.join('\n')).toMatch(/^ {2}status +health of every broker/m);
    }
  });

  it('refuses an unknown command with exit code 2', async () => {
    expect(await runTmc(['frobnicate'])).toEqual({
      code: EXIT.usage,
      out: [],
      err: ['tmc: unknown command "frobnicate". Run "tmc --help" for the list.'],
    });
    expect((await runTmc(['constructor'])).code).toBe(EXIT.usage);
  });
});
