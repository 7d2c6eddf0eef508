import { describe, expect, it } from 'vitest';
import { cellSentence, cellTone, CELL_WORDS, rowSummary } from '../../renderer/src/lib/policy/matrix-words';
import { matrixRow } from '../support/policy-fixtures';

const cell = (status: keyof typeof CELL_WORDS, revision: number | null = 4) => ({
  brokerId: 'tm2',
  revision,
  digest: revision === null ? null : 'e'.repeat(64),
  status,
});

describe('sync matrix in words', () => {
  it('names every status in words, coloured only by how it stands', () => {
    const row = matrixRow();
    const seen = (['in-sync', 'behind', 'ahead', 'different', 'missing', 'unknown'] as const).map((status) => [
      CELL_WORDS[status],
      cellTone(cell(status), row),
    ]);
    expect(seen).toEqual([
      ['in sync', 'ok'],
      ['behind', 'warn'],
      ['ahead', 'warn'],
      ['different', 'bad'],
      ['missing', 'warn'],
      ['no state', 'neutral'],
    ]);
  });

  it('a policy never pushed from here is missing without alarm', () => {
    const row = matrixRow({ local: { revision: 1, digest: 'd', deployedRevision: null } });
    expect(cellTone(cell('missing', null), row)).toBe('neutral');
    expect(cellSentence(cell('missing', null), row, 'tm2')).toBe(
      'tm2 does not have it; it was never pushed from here.',
    );
  });

  it('says what a cell means against the catalog', () => {
    const row = matrixRow();
    expect(cellSentence(cell('behind', 3), row, 'tm2')).toBe(
      "tm2 runs revision 3, older than the catalog's revision 4.",
    );
    expect(cellSentence(cell('different', 4), row, 'tm2')).toBe(
      "tm2 runs revision 4 with content other than the catalog's.",
    );
    expect(cellSentence(cell('ahead', 5), matrixRow({ local: null }), 'tm2')).toBe(
      'tm2 runs revision 5; the catalog has no copy of it.',
    );
  });

  it('sums a row up across the cluster', () => {
    expect(rowSummary(matrixRow())).toEqual({ text: 'in sync 2/2', tone: 'ok' });
    const lagging = matrixRow({
      inSync: false,
      cells: [{ brokerId: 'tm1', revision: 4, digest: 'd', status: 'in-sync' }, cell('behind', 3)],
    });
    expect(rowSummary(lagging)).toEqual({ text: 'in sync 1/2', tone: 'warn' });
    const split = matrixRow({
      inSync: false,
      cells: [{ brokerId: 'tm1', revision: 4, digest: 'd', status: 'in-sync' }, cell('different', 4)],
    });
    expect(rowSummary(split)).toEqual({ text: 'in sync 1/2', tone: 'bad' });
    const fresh = matrixRow({
      inSync: false,
      local: { revision: 1, digest: 'd', deployedRevision: null },
      cells: [cell('missing', null), cell('missing', null)],
    });
    expect(rowSummary(fresh)).toEqual({ text: 'not deployed', tone: 'neutral' });
    const lost = matrixRow({ inSync: false, cells: [cell('missing', null), cell('unknown', null)] });
    expect(rowSummary(lost)).toEqual({ text: 'missing on 2/2', tone: 'warn' });
  });
});
