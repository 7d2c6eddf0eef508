import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli';
import { runTmc } from '../../support/cli-run';

// A file that cannot be pushed is refused before any broker is contacted (port 1 never answers).
const NOWHERE = ['--broker', 'mqtt://127.0.0.1:1'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmc-push-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('tmc policy push --json with a file it cannot push', () => {
  it('keeps stdout free of human lines: the reasons go to stderr, exit 1', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ policyName: 'Bad', defaultLimit: { type: 'REQUESTCOUNTLIMIT' } }));
    expect(await runTmc(['policy', 'push', bad, ...NOWHERE, '--json'])).toEqual({
      code: EXIT.failed,
      out: [],
      err: [`${bad}: defaultLimit.requestCount: is required`],
    });
    const missing = join(dir, 'missing.json');
    expect(await runTmc(['policy', 'push', missing, ...NOWHERE, '--json'])).toEqual({
      code: EXIT.failed,
      out: [],
      err: [`${missing}: (root): cannot read the file: no such file`],
    });
    const two = join(dir, 'two.json');
    const limit = { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5 } };
    await writeFile(
      two,
      JSON.stringify({
        count: 2,
        list: [
          { policyName: 'A', defaultLimit: limit },
          { policyName: 'B', defaultLimit: limit },
        ],
      }),
    );
    expect(await runTmc(['policy', 'push', two, ...NOWHERE, '--json'])).toEqual({
      code: EXIT.failed,
      out: [],
      err: [`${two}: (root): holds 2 policies; push one at a time`],
    });
  });
});
