import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../electron/core/policy/catalog-file';
import { diffJson } from '../../../electron/core/policy/json-diff';
import { diffAgainstTms } from '../../../electron/core/policy/policy-diff';
import { buildSyncMatrix, type BrokerReport } from '../../../electron/core/policy/sync-matrix';
import { DIGEST, OTHER_DIGEST, tmState } from './push-fixtures';

const limit = (requestCount: number) => ({
  type: 'REQUESTCOUNTLIMIT',
  requestCount: { timeUnit: 'min', unitTime: 1, requestCount },
  bandwidth: null,
});

describe('field diff', () => {
  it('names each changed, added and removed field by its path', () => {
    const before = { policyName: 'Gold', description: 'old', defaultLimit: limit(10), groups: [1, 2] };
    const after = { policyName: 'Gold', defaultLimit: limit(20), groups: [1, 3, 4], displayName: 'Gold tier' };
    expect(diffJson(before, after).changes.map((c) => c.text)).toEqual([
      'defaultLimit.requestCount.requestCount: 10 → 20',
      'groups.1: 2 → 3',
      'groups.2: added 4',
      'displayName: added "Gold tier"',
      'description: removed "old"',
    ]);
  });

  it('reads null and absent as the same, and caps the list', () => {
    expect(diffJson({ a: null, b: 1 }, { b: 1 }).changes).toEqual([]);
    const many = diffJson(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])),
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i + 1])),
      4,
    );
    expect([many.changes.length, many.more]).toEqual([4, 6]);
  });

  it('shortens long values', () => {
    const [change] = diffJson({ q: 'x'.repeat(200) }, { q: 'y' }).changes;
    expect(change?.from).toHaveLength(80);
    expect(change?.from?.endsWith('…')).toBe(true);
  });
});

const body = (requestCount: number) => ({ policyName: 'Gold', defaultLimit: limit(requestCount) });

const entry: CatalogEntry = {
  key: 'application:Gold',
  kind: 'application',
  name: 'Gold',
  revisions: [
    { revision: 1, digest: OTHER_DIGEST, body: body(10), savedAt: 0, savedBy: 'ops', note: null },
    { revision: 2, digest: DIGEST, body: body(20), savedAt: 1, savedBy: 'ops', note: null },
  ],
  lastRevision: 2,
  deployed: null,
  droppedRevisions: 0,
};

const report = (brokerId: string, revision: number | null, digest = DIGEST, live = true): BrokerReport => ({
  brokerId,
  tracked: { brokerId, tmId: brokerId, state: tmState(brokerId, revision, digest), receivedAt: 5, live },
});

describe('diff against what each TM runs', () => {
  it('compares with the TM revision found in the history, and says when it cannot', () => {
    const diffs = diffAgainstTms(entry, [
      report('tm1', 2),
      report('tm2', 1, OTHER_DIGEST),
      report('tm3', 5, 'f'.repeat(64)),
      report('tm4', null),
      report('tm5', 2, DIGEST, false),
      { brokerId: 'tm6', tracked: undefined },
    ]);
    expect(diffs.map((d) => [d.brokerId, d.status, d.note])).toEqual([
      ['tm1', 'in-sync', 'runs revision 2, the same content'],
      ['tm2', 'behind', 'runs revision 1; 1 field differs from revision 2'],
      [
        'tm3',
        'ahead',
        'runs revision 5 (digest ffffffff…), which is not in the local history: its fields cannot be compared',
      ],
      ['tm4', 'missing', 'not deployed there: a push adds revision 2'],
      ['tm5', 'unknown', 'no current state from this traffic manager'],
      ['tm6', 'unknown', 'no current state from this traffic manager'],
    ]);
    expect(diffs[1]?.changes.map((c) => c.text)).toEqual(['defaultLimit.requestCount.requestCount: 10 → 20']);
    expect(diffs[3]?.changes.map((c) => c.text)).toEqual([expect.stringMatching(/^\(root\): added \{"policyName"/)]);
  });
});

describe('sync matrix', () => {
  it('rows for the catalog, then for what only TMs run, one cell per broker', () => {
    const other = tmState('tm2', 2);
    other.blocks.push({
      conditionId: 'b1',
      conditionType: 'USER',
      conditionValue: 'eve',
      enabled: true,
      revision: 3,
      digest: 'b',
    });
    const matrix = buildSyncMatrix(
      [entry],
      [
        report('tm1', 2),
        { brokerId: 'tm2', tracked: { brokerId: 'tm2', tmId: 'tm2', state: other, receivedAt: 9, live: true } },
      ],
    );
    expect(matrix.tms.map((t) => [t.brokerId, t.tmId, t.live, t.phase])).toEqual([
      ['tm1', 'tm1', true, 'serving'],
      ['tm2', 'tm2', true, 'serving'],
    ]);
    expect(matrix.rows.map((r) => [r.key, r.local?.revision ?? null, r.inSync, r.cells.map((c) => c.status)])).toEqual([
      ['application:Gold', 2, true, ['in-sync', 'in-sync']],
      ['blocking:b1', null, false, ['missing', 'in-sync']],
    ]);
  });

  it('caps the rows and says how many were left out', () => {
    const matrix = buildSyncMatrix([entry], [report('tm1', 2)], 0);
    expect([matrix.rows.length, matrix.truncated]).toEqual([0, 1]);
  });
});
