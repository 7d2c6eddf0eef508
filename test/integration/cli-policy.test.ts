import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/cli';
import type { AuditRecord } from '../../electron/core/policy/audit-record';
import { startDemoCluster, type DemoCluster } from '../../electron/demo/demo-cluster';
import { runTmc } from '../support/cli-run';

// `tmc policy push|list` and `tmc block add|remove` against the embedded demo cluster.
describe('tmc policy and tmc block on the demo cluster', () => {
  let cluster: DemoCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await startDemoCluster({ tms: 2, rate: 0 });
    dir = await mkdtemp(join(tmpdir(), 'tmc-cli-policy-'));
  });
  afterAll(async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const brokers = (): string[] => cluster.nodes.flatMap((n) => ['--broker', n.url]);
  const connection = (): string[] => [...brokers(), '--data-dir', dir];
  async function policyFile(name: string, requestCount: number): Promise<string> {
    const path = join(dir, `${name}.json`);
    const limit = { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } };
    await writeFile(path, JSON.stringify({ policyName: name, defaultLimit: limit }));
    return path;
  }
  const audit = async (): Promise<AuditRecord[]> =>
    (await readFile(join(dir, 'audit.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);

  it('pushes a file: acknowledged and synced with --wait-sync, exit 0, audited as the CLI', async () => {
    const file = await policyFile('Titanium', 70);
    const result = await runTmc(['policy', 'push', file, ...connection(), '--wait-sync']);
    expect(result).toMatchObject({ code: EXIT.ok, err: [] });
    // The active TM: whichever connected first (priority mode fails back to tm1 only after a hold).
    expect(result.out).toEqual([expect.stringMatching(/^Acknowledged by tm[12] after 0 failovers; synced 2\/2\.$/)]);
    expect(cluster.nodes.map((n) => n.tm?.state().policies.find((p) => p.name === 'Titanium')?.revision)).toEqual([
      1, 1,
    ]);
    expect((await audit()).map((r) => [r.type, r.source, r.user, r.outcome])).toEqual([
      ['push', 'cli', 'ops', 'acknowledged'],
      ['sync', 'cli', 'ops', 'synced'],
    ]);
  });

  it('the same file again is confirmed at the revision the TMs run; a change goes one above; --json', async () => {
    const same = await runTmc(['policy', 'push', await policyFile('Titanium', 70), ...connection(), '--json']);
    expect(same.code).toBe(EXIT.ok);
    expect(JSON.parse(same.out[0] ?? '')).toMatchObject({ type: 'push', revision: 1, ack: { status: 'duplicate' } });
    const changed = await runTmc(['policy', 'push', await policyFile('Titanium', 90), ...connection(), '--json']);
    expect(JSON.parse(changed.out[0] ?? '')).toMatchObject({ revision: 2, ack: { status: 'applied' } });
  });

  it('lists what each traffic manager runs', async () => {
    const result = await runTmc(['policy', 'list', ...brokers()]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.out[0]).toMatch(/^tm1: serving, \d+ policies, 2 blocking conditions$/);
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}application +Titanium +revision 2 +[0-9a-f]{12}$/));
    const json = JSON.parse((await runTmc(['policy', 'list', ...brokers(), '--json'])).out[0] ?? '') as {
      tms: { brokerId: string; live: boolean }[];
    };
    expect(json.tms.map((t) => [t.brokerId, t.live])).toEqual([
      ['tm1', true],
      ['tm2', true],
    ]);
  });

  it('adds and removes a blocking condition on every TM', async () => {
    const added = await runTmc([
      'block',
      'add',
      '--type',
      'IP',
      '--value',
      '203.0.113.9',
      '--id',
      'cli-1',
      ...connection(),
      '--wait-sync',
    ]);
    expect(added.code).toBe(EXIT.ok);
    expect(added.out).toEqual([expect.stringMatching(/^Acknowledged by tm[12] after 0 failovers; synced 2\/2\.$/)]);
    expect(
      cluster.nodes.map((n) => n.tm?.state().blocks.find((b) => b.conditionId === 'cli-1')?.conditionValue),
    ).toEqual(['{"fixedIp":"203.0.113.9","invert":false}', '{"fixedIp":"203.0.113.9","invert":false}']);
    const removed = await runTmc(['block', 'remove', 'cli-1', ...connection(), '--wait-sync']);
    expect(removed.code).toBe(EXIT.ok);
    expect(cluster.nodes.map((n) => n.tm?.state().blocks.some((b) => b.conditionId === 'cli-1'))).toEqual([
      false,
      false,
    ]);
  });

  it('without --wait-sync stops at the acknowledgement; exits 1 on a rejection and on an invalid file (without connecting), 3 when no broker is reachable', async () => {
    const quick = await runTmc(['policy', 'push', await policyFile('Quick', 3), ...connection()]);
    expect(quick.out).toEqual([
      expect.stringMatching(
        /^Acknowledged by tm[12] after 0 failovers; (not waiting for the other TMs to sync|synced 2\/2)\.$/,
      ),
    ]);
    const rejected = await runTmc(['block', 'remove', 'never-added', ...connection()]);
    expect(rejected.code).toBe(EXIT.failed);
    expect(rejected.out).toEqual([
      expect.stringMatching(
        /^Rejected by tm[12]: blocking condition "never-added" is not deployed\. Nothing was deployed\.$/,
      ),
    ]);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ policyName: 'Bad', defaultLimit: { type: 'REQUESTCOUNTLIMIT' } }));
    expect(await runTmc(['policy', 'push', bad, '--broker', 'mqtt://127.0.0.1:1'])).toEqual({
      code: EXIT.failed,
      out: [`${bad}: defaultLimit.requestCount: is required`],
      err: [],
    });
    const down = await runTmc([
      'policy',
      'push',
      await policyFile('Lost', 5),
      '--broker',
      'mqtt://127.0.0.1:1',
      '--data-dir',
      dir,
    ]);
    expect(down).toEqual({
      code: EXIT.unreachable,
      out: ['No traffic manager is connected (tm1), so nothing was sent.'],
      err: [],
    });
    expect(await runTmc(['block', 'add', '--type', 'USER', ...brokers()])).toMatchObject({
      code: EXIT.usage,
      err: ['tmc block add: --value is required'],
    });
  });
});
