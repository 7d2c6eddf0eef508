import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli';
import { runTmc } from '../../support/cli-run';

const FIXTURES = join(import.meta.dirname, '../policy/fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmc-validate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, body: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('tmc policy validate', () => {
  it('exits 0 when every file is valid, naming what each holds (type from the body)', async () => {
    const gold = fixture('subscription-gold-export.json');
    const rule = fixture('custom-rule.json');
    const app = await file('app.json', {
      policyName: 'Bronze',
      defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5 } },
    });
    expect(await runTmc(['policy', 'validate', gold, rule, app])).toEqual({
      code: EXIT.ok,
      out: [
        `${gold}: ok (subscription policy "Gold")`,
        `${rule}: ok (custom rule "AdminTenLimit")`,
        `${app}: ok (application policy "Bronze")`,
      ],
      err: [],
    });
  });

  it('exits 1 with one line per error, FILE: PATH: message, also inside listings', async () => {
    const bad = await file('bad.json', {
      policyName: 'X',
      defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'week', unitTime: 1, requestCount: 0 } },
    });
    const listing = await file('list.json', {
      count: 2,
      list: [
        { conditionType: 'USER', conditionValue: 'eve' },
        { conditionType: 'IP', conditionValue: { fixedIp: '1.2.3' } },
      ],
    });
    const result = await runTmc(['policy', 'validate', bad, listing, join(dir, 'missing.json')]);
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).toEqual([
      `${bad}: defaultLimit.requestCount.timeUnit: must be one of sec, min, hour, day, month, year (got "week")`,
      `${bad}: defaultLimit.requestCount.requestCount: must be greater than 0`,
      `${listing}: list.0: ok (USER blocking condition without an id)`,
      `${listing}: list.1.conditionValue.fixedIp: "1.2.3" is not a valid IPv4 or IPv6 address`,
      `${join(dir, 'missing.json')}: (root): cannot read the file: no such file`,
    ]);
  });

  it('--type overrides what the body suggests', async () => {
    const app = fixture('application-50permin.json');
    const result = await runTmc(['policy', 'validate', '--type', 'custom', app]);
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).toEqual([`${app}: siddhiQuery: is required`, `${app}: keyTemplate: is required`]);
  });

  it('says when the type cannot be told, and when a file is not JSON', async () => {
    const odd = await file('odd.json', { hello: 'world' });
    const text = await file('text.json', 'policyName: Gold');
    const result = await runTmc(['policy', 'validate', odd, text]);
    expect(result.out[0]).toMatch(new RegExp(`^${odd}: \\(root\\): cannot tell the policy type`));
    expect(result.out[1]).toMatch(new RegExp(`^${text}: \\(root\\): not JSON: `));
  });

  it('refuses a file over 1 MB, as the console does, without reading all of it', async () => {
    const huge = await file('huge.json', `[${' '.repeat(1024 * 1024)}]`);
    const small = await file('small.json', {
      policyName: 'Gold',
      defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 5 } },
    });
    expect(await runTmc(['policy', 'validate', huge, small])).toEqual({
      code: EXIT.failed,
      out: [
        `${huge}: (root): is over 1 MB; a policy file may have at most 1 MB`,
        expect.stringMatching(new RegExp(`^${small}: ok `)),
      ],
      err: [],
    });
  });

  it('exits 2 on usage errors', async () => {
    expect(await runTmc(['policy', 'validate'])).toMatchObject({
      code: EXIT.usage,
      err: ['tmc policy validate: name at least one FILE'],
    });
    expect((await runTmc(['policy', 'validate', '--type', 'gold', 'x.json'])).err).toEqual([
      'tmc policy validate: --type must be one of advanced, application, subscription, custom, blocking (got "gold")',
    ]);
    expect((await runTmc(['policy', 'frob'])).code).toBe(EXIT.usage);
  });
});
