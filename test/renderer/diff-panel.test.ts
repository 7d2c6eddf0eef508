import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import DiffPanel from '../../renderer/src/components/policies/DiffPanel.svelte';
import { changeWords, tmDiffHeadline, type TmDiff } from '../../renderer/src/lib/policy/diff-words';

const tm = (overrides: Partial<TmDiff>): TmDiff => ({
  brokerId: 'tm1',
  tmId: 'tm1',
  revision: 3,
  digest: 'e'.repeat(64),
  status: 'behind',
  changes: [],
  more: 0,
  note: '',
  ...overrides,
});

const answer = (tms: TmDiff[]) => ({
  key: 'application:Gold',
  answer: { ok: true as const, key: 'application:Gold', local: { revision: 4, digest: 'd' }, tms, warnings: [] },
  error: null,
});

describe('diff before a push', () => {
  afterEach(() => cleanup());

  it('words each field change', () => {
    expect(
      changeWords({
        path: 'defaultLimit.requestCount.requestCount',
        change: 'changed',
        from: '1000',
        to: '500',
        text: 'x',
      }),
    ).toBe('defaultLimit.requestCount.requestCount changes from 1000 to 500');
    expect(changeWords({ path: 'description', change: 'added', to: '"gold"', text: 'x' })).toBe(
      'description is added: "gold"',
    );
    expect(changeWords({ path: 'customAttributes.0', change: 'removed', from: '{"name":"a"}', text: 'x' })).toBe(
      'customAttributes.0 is removed (was {"name":"a"})',
    );
    expect(changeWords({ path: '(root)', change: 'added', to: '{"policyName":"Gold"}', text: 'x' })).toBe(
      'the whole policy is added: {"policyName":"Gold"}',
    );
  });

  it('renders per traffic manager what a push changes there', () => {
    render(DiffPanel, {
      diff: answer([
        tm({
          note: 'runs revision 3; 2 fields differ from revision 4',
          changes: [
            { path: 'defaultLimit.requestCount.requestCount', change: 'changed', from: '1000', to: '500', text: '' },
            { path: 'description', change: 'added', to: '"half"', text: '' },
          ],
          more: 3,
        }),
        tm({ brokerId: 'tm2', tmId: 'tm2', status: 'in-sync', revision: 4, note: 'runs revision 4, the same content' }),
        tm({
          brokerId: 'tm3',
          tmId: null,
          status: 'unknown',
          revision: null,
          note: 'no current state from this traffic manager',
        }),
      ]),
    });
    expect(screen.getByRole('heading').textContent).toBe('What a push changes (local revision 4)');
    const tms = screen.getAllByTestId('diff-tm');
    expect(tms.map((t) => [t.dataset.status, t.querySelector('[data-testid="diff-headline"]')?.textContent])).toEqual([
      ['behind', 'tm1: a push changes 5 fields'],
      ['in-sync', 'tm2: a push changes nothing'],
      ['unknown', 'tm3: cannot tell what a push changes'],
    ]);
    expect(screen.getAllByTestId('diff-change').map((c) => c.textContent)).toEqual([
      'defaultLimit.requestCount.requestCount changes from 1000 to 500',
      'description is added: "half"',
    ]);
    expect(tms[0]?.textContent).toContain('…and 3 more changes not listed.');
    expect(tms[0]?.textContent).toContain('runs revision 3; 2 fields differ from revision 4');
  });

  it('names a TM by its id and broker when they differ, and says when a TM runs unknown content', () => {
    expect(tmDiffHeadline(tm({ brokerId: 'b1', tmId: 'tm7', status: 'different' }))).toBe(
      'tm7 (b1): a push replaces what it runs',
    );
    expect(tmDiffHeadline(tm({ status: 'missing' }))).toBe('tm1: a push adds it');
  });

  it('says why there is no diff', () => {
    render(DiffPanel, {
      diff: { key: 'application:Gold', answer: null, error: 'application:Gold is not in the catalog' },
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'The diff could not be made: application:Gold is not in the catalog',
    );
  });
});
