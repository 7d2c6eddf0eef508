import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogService, type CatalogService } from '../../../electron/core/policy/catalog-service';
import { createPolicyCatalog } from '../../../electron/core/policy/policy-catalog';
import { importCandidates } from '../../../electron/core/policy/policy-files';
import type { ReportedEntry } from '../../../electron/core/policy/policy-key';
import type { TmReports } from '../../../electron/core/policy/tm-reports';
import { createTmStateTracker } from '../../../electron/core/policy/tm-state-tracker';
import { fixture } from './policy-test-bodies';

const TOPICS = { tmPrefix: 'tmc/tm', ackPrefix: 'tmc/ack' };

const text = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

let dir: string;
let service: CatalogService;
let reported: Record<string, ReportedEntry[]> = {};

/** What TMs report, fixed by the test (no cluster here). */
const reports: TmReports = {
  tracker: createTmStateTracker(() => TOPICS),
  all: () => [],
  reportedFor: (key) => reported[key] ?? [],
  on: () => () => undefined,
  stop: () => undefined,
};

let ids = 0;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tmc-import-'));
  reported = {};
  service = createCatalogService({
    catalog: createPolicyCatalog({ dir, clock: () => 0 }),
    reports,
    user: 'ops',
    newId: () => `id-${++ids}`,
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('import', () => {
  it('reads admin REST bodies, apictl exports and admin REST listings', async () => {
    const result = await service.importFiles([
      { name: 'advanced.json', text: text('advanced-export.json') },
      { name: 'gold.json', text: text('subscription-gold-export.json') },
      { name: 'blocks.json', text: text('blocking-list.json') },
    ]);
    expect(result.results.map((r) => [r.file, r.index, r.ok && r.key])).toEqual([
      ['advanced.json', null, 'advanced:PizzaShackTiers'],
      ['gold.json', null, 'subscription:Gold'],
      ['blocks.json', 0, 'blocking:b513eb68-69e8-4c32-92cf-852c101363cf'],
      ['blocks.json', 1, 'blocking:d3f1c8a2-1f0e-4a57-9d6e-2c1b4f5e6a70'],
      ['blocks.json', 2, 'blocking:7'],
      ['blocks.json', 3, 'blocking:9f0c2d4e-5b6a-4c3d-8e7f-0a1b2c3d4e5f'],
      ['blocks.json', 4, expect.stringMatching(/^blocking:id-\d+$/)],
      ['blocks.json', 5, expect.stringMatching(/^blocking:id-\d+$/)],
    ]);
    // The apictl wrapper is gone: the catalog keeps the admin REST body.
    const gold = await service.get('subscription:Gold');
    expect(gold.ok && gold.body).toEqual(fixture('subscription-gold-export.json').data);
  });

  it('reports each bad body with its path, and files that are not JSON', async () => {
    const result = await service.importFiles([
      {
        name: 'bad.json',
        text: JSON.stringify([{ policyName: 'A', defaultLimit: { type: 'REQUESTCOUNTLIMIT' } }, { hello: 1 }]),
      },
      { name: 'broken.json', text: '{"policyName": ' },
    ]);
    expect(result.results).toEqual([
      {
        ok: false,
        file: 'bad.json',
        index: 0,
        errors: [{ path: 'defaultLimit.requestCount', message: 'is required' }],
      },
      {
        ok: false,
        file: 'bad.json',
        index: 1,
        errors: [{ path: '(root)', message: expect.stringMatching(/^cannot tell the policy type/) as unknown }],
      },
      {
        ok: false,
        file: 'broken.json',
        index: null,
        errors: [{ path: '(root)', message: expect.stringMatching(/^not JSON: /) as unknown }],
      },
    ]);
  });

  it('caps the items of one file', () => {
    const parsed = importCandidates(JSON.stringify(Array.from({ length: 501 }, () => ({}))));
    expect(parsed).toEqual({ ok: false, error: 'holds 501 policies; at most 500 are imported from one file' });
  });

  it('takes the revision a TM already runs for the same content, and goes above it otherwise', async () => {
    const body = fixture('application-50permin.json');
    const saved = await service.save(body);
    const digest = saved.ok ? saved.entry.digest : '';
    // A fresh catalog, as on another machine, against TMs that already run this content.
    await rm(join(dir, 'policies.json'));
    reported = { [`application:${String(body.policyName)}`]: [{ revision: 7, digest }] };
    expect(await service.save(body)).toMatchObject({ ok: true, entry: { revision: 7 } });
    expect(await service.save({ ...body, description: 'changed' })).toMatchObject({ ok: true, entry: { revision: 8 } });
  });
});

describe('export', () => {
  it('gives back each body in the admin REST shape it was saved in, unknown fields included', async () => {
    await service.importFiles([{ name: 'advanced.json', text: text('advanced-export.json') }]);
    const exported = await service.exportFiles(['advanced:PizzaShackTiers', 'application:Nope']);
    expect(exported.missing).toEqual(['application:Nope']);
    expect(exported.files.map((f) => f.fileName)).toEqual(['advanced-PizzaShackTiers.json']);
    expect(JSON.parse(exported.files[0]?.text ?? '')).toEqual(fixture('advanced-export.json'));
    expect((await service.exportFiles([])).files).toHaveLength(1);
  });
});
