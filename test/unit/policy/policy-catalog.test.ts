import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HISTORY } from '../../../electron/core/policy/catalog-file';
import { createPolicyCatalog, type PolicyCatalog, type SaveInput } from '../../../electron/core/policy/policy-catalog';
import { policyDigest } from '../../../electron/core/policy/policy-digest';

let dir: string;
let catalog: PolicyCatalog;
let now = 1_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmc-catalog-'));
  catalog = createPolicyCatalog({ dir, clock: () => now });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function gold(requestCount: number, extra: Partial<SaveInput> = {}): SaveInput {
  const body = {
    policyName: 'Gold',
    defaultLimit: { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } },
  };
  return { kind: 'application', name: 'Gold', body, digest: policyDigest(body), by: 'ops', ...extra };
}

async function saved(input: SaveInput) {
  const result = await catalog.save(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('policy catalog', () => {
  it('numbers revisions 1, 2, 3…; the same content again is unchanged; history keeps who and when', async () => {
    expect((await saved(gold(10))).entry.revisions.map((r) => r.revision)).toEqual([1]);
    now = 2_000;
    const second = await saved(gold(20));
    expect(second).toMatchObject({ unchanged: false, entry: { lastRevision: 2 } });
    expect(await saved(gold(20))).toMatchObject({ unchanged: true, entry: { lastRevision: 2 } });
    expect(second.entry.revisions.map((r) => [r.revision, r.savedAt, r.savedBy])).toEqual([
      [1, 1_000, 'ops'],
      [2, 2_000, 'ops'],
    ]);
    const reopened = createPolicyCatalog({ dir, clock: () => now });
    expect((await reopened.list()).entries.map((e) => [e.key, e.lastRevision])).toEqual([['application:Gold', 2]]);
  });

  it('goes above a revision a traffic manager runs, and renumbers the same content when forced', async () => {
    expect((await saved(gold(10, { floor: 7 }))).entry.lastRevision).toBe(8);
    const renumbered = await saved(gold(10, { floor: 9, force: true, note: 'renumbered' }));
    expect(renumbered.entry.revisions.map((r) => [r.revision, r.note])).toEqual([
      [8, null],
      [10, 'renumbered'],
    ]);
  });

  it('never reuses a revision: undeploys and deletes keep counting', async () => {
    await saved(gold(10));
    await catalog.recordDeployed('application:Gold', { revision: 1, digest: 'x', pushId: 'p1', at: 5, tmId: 'tm1' });
    const undeployed = await catalog.recordUndeployed('application:Gold', 2);
    expect(undeployed).toMatchObject({ ok: true, value: { deployed: null, lastRevision: 2 } });
    expect((await saved(gold(11))).entry.lastRevision).toBe(3);
    expect(await catalog.remove('application:Gold')).toMatchObject({ ok: true });
    expect(await catalog.lastRevision('application:Gold')).toBe(3);
    expect((await saved(gold(12))).entry.revisions.map((r) => r.revision)).toEqual([4]);
  });

  it(`keeps the last ${MAX_HISTORY} revisions and counts the dropped ones`, async () => {
    for (let n = 1; n <= MAX_HISTORY + 3; n += 1) await saved(gold(n));
    const entry = (await catalog.list()).entries[0];
    expect(entry?.revisions).toHaveLength(MAX_HISTORY);
    expect(entry?.revisions[0]?.revision).toBe(4);
    expect(entry?.droppedRevisions).toBe(3);
  });

  it('answers with a reason for a key it does not hold', async () => {
    expect(await catalog.get('application:Nope')).toEqual({
      ok: false,
      errors: [{ path: '(root)', message: 'there is no application policy "Nope" in the catalog' }],
      warnings: [],
    });
  });

  it('remembers the revision of a removal pushed for a key it does not hold, and continues above it', async () => {
    expect(await catalog.recordUndeployed('application:Gold', 3)).toMatchObject({ ok: true, value: null });
    expect((await catalog.list()).entries).toEqual([]);
    expect(await catalog.lastRevision('application:Gold')).toBe(3);
    expect((await saved(gold(10))).entry.revisions.map((r) => r.revision)).toEqual([4]);
  });

  it('records a revision a TM holds above its own, keeping what is deployed, and never goes down', async () => {
    await saved(gold(10));
    await catalog.recordDeployed('application:Gold', { revision: 1, digest: 'x', pushId: 'p1', at: 5, tmId: 'tm1' });
    expect(await catalog.recordUsed('application:Gold', 5)).toMatchObject({
      ok: true,
      value: { lastRevision: 5, deployed: { revision: 1 } },
    });
    await catalog.recordUsed('application:Gold', 2);
    expect(await catalog.lastRevision('application:Gold')).toBe(5);
    expect(await catalog.recordUsed('application:Silver', 7)).toMatchObject({ ok: true, value: null });
    expect(await catalog.lastRevision('application:Silver')).toBe(7);
  });

  it('writes atomically with a backup, and reports a damaged file while using the backup', async () => {
    await saved(gold(10));
    await saved(gold(20));
    expect(JSON.parse(await readFile(join(dir, 'policies.json.bak'), 'utf8')).entries[0].lastRevision).toBe(1);
    await writeFile(join(dir, 'policies.json'), '{"version": 1, "entries": [tru');
    const listed = await catalog.list();
    expect(listed.entries[0]?.lastRevision).toBe(1);
    expect(listed.warnings[0]?.message).toMatch(
      /policies\.json is damaged \(it is not valid JSON .*\)\. It was kept as .*corrupt-/,
    );
    expect((await readdir(dir)).some((name) => name.startsWith('policies.json.corrupt-'))).toBe(true);
  });
});
