import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PoliciesView from '../../renderer/src/views/PoliciesView.svelte';
import { ackedView, catalogSummary, matrixRow, pushView, scriptPolicies, syncMatrix } from '../support/policy-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

async function renderView() {
  const script = scriptedClient();
  const state = scriptPolicies(script, {
    entries: [catalogSummary({ deployed: { revision: 3, digest: 'c', pushId: 'old', at: 0, tmId: 'tm2' } })],
    matrix: syncMatrix([
      matrixRow({
        inSync: false,
        local: { revision: 4, digest: 'd', deployedRevision: 3 },
        cells: [
          { brokerId: 'tm1', revision: 4, digest: 'd', status: 'in-sync' },
          { brokerId: 'tm2', revision: 3, digest: 'c', status: 'behind' },
        ],
      }),
      matrixRow({ key: 'advanced:10PerSec', kind: 'advanced', name: '10PerSec', local: null }),
    ]),
  });
  script.answers['policies.push'] = async () => ({
    ok: true,
    value: { started: true, pushId: 'push-1', message: 'Sent.', errors: [] },
  });
  const stores = await loadedStores(script);
  stores.policies.connect();
  await stores.policies.refresh();
  render(PoliciesView, { stores, navigate: () => undefined });
  return { script, state, stores };
}

const rowOf = (key: string) => {
  const row = screen.getAllByTestId('matrix-row').find((r) => r.dataset.key === key);
  if (!row) throw new Error(`no row ${key}`);
  return row;
};

describe('PoliciesView', () => {
  afterEach(() => cleanup());

  it('shows the catalog against each traffic manager in words', async () => {
    await renderView();
    const gold = rowOf('application:Gold');
    expect(
      within(gold)
        .getAllByTestId('matrix-cell')
        .map((c) => [c.dataset.status, c.textContent?.trim()]),
    ).toEqual([
      ['in-sync', 'r4 in sync'],
      ['behind', 'r3 behind'],
    ]);
    expect(within(gold).getByTestId('matrix-summary').textContent).toBe('in sync 1/2');
    expect(gold.textContent).toContain('r3 deployed');
    expect(rowOf('advanced:10PerSec').textContent).toContain('only on TMs');
    expect(screen.getAllByTestId('matrix-tm').map((t) => t.textContent?.trim())).toEqual(['tm1', 'tm2']);
  });

  it('selects a policy: its details, the diff, and a push with live progress', async () => {
    const { script } = await renderView();
    await fireEvent.click(within(rowOf('application:Gold')).getByTestId('select-policy'));
    await screen.findByTestId('policy-detail');
    expect(screen.getByTestId('detail-facts').textContent).toContain('revision 3 acknowledged by tm2');
    await screen.findByTestId('diff-panel');
    await fireEvent.click(screen.getByTestId('push-policy'));
    await expect
      .poll(() => script.callsOf('policies.push').map((c) => c.payload))
      .toEqual([{ key: 'application:Gold' }]);
    script.push([{ name: 'policies.push', payload: pushView() }]);
    await expect
      .poll(() => screen.queryByTestId('push-phase')?.textContent)
      .toBe('sent, waiting for an acknowledgement');
    script.push([{ name: 'policies.push', payload: ackedView('lagging', 1) }]);
    await expect.poll(() => screen.getByTestId('push-phase').textContent).toBe('lagging: synced 1/2');
    expect(screen.getAllByTestId('push-step').map((s) => s.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '✓ Sent revision 4 to tm1',
      '✓ Acknowledged by tm1 with no failover (41 ms)',
      '! synced 1/2; lagging: tm2 tm2: runs revision 3',
    ]);
  });

  it('asks before undeploying, and undeploys on confirmation', async () => {
    const { script } = await renderView();
    script.answers['policies.undeploy'] = async () => ({
      ok: true,
      value: { started: false, pushId: null, message: 'No profile is open: open one first.', errors: [] },
    });
    await fireEvent.click(within(rowOf('application:Gold')).getByTestId('select-policy'));
    await fireEvent.click(await screen.findByTestId('undeploy-policy'));
    expect(screen.getByTestId('confirm-question').textContent).toBe(
      'Undeploy application:Gold from every traffic manager?',
    );
    expect(script.callsOf('policies.undeploy')).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('confirm-action'));
    await expect
      .poll(() => screen.queryByTestId('start-outcome')?.textContent)
      .toContain('No profile is open: open one first.');
  });

  it('imports picked files and lists each file’s result', async () => {
    const { script } = await renderView();
    script.answers['policies.import'] = async ({ files }) => ({
      ok: true,
      value: {
        results: [
          {
            ok: true,
            file: files[0]?.name ?? '',
            index: null,
            key: 'application:Silver',
            revision: 1,
            unchanged: false,
          },
          {
            ok: false,
            file: files[1]?.name ?? '',
            index: 2,
            errors: [{ path: 'defaultLimit', message: 'is required' }],
          },
        ],
        warnings: [],
      },
    });
    const input = screen.getByTestId('import-policies') as HTMLInputElement;
    const files = [
      new File(['{"policyName":"Silver"}'], 'silver.json', { type: 'application/json' }),
      new File(['[{},{},{}]'], 'list.json', { type: 'application/json' }),
    ];
    Object.defineProperty(input, 'files', { value: files });
    await fireEvent.change(input);
    await expect
      .poll(() => screen.queryByTestId('import-message')?.textContent)
      .toBe('Imported 1 policy; 1 refused (see why below).');
    expect(script.callsOf('policies.import')[0]?.payload).toEqual({
      files: [
        { name: 'silver.json', text: '{"policyName":"Silver"}' },
        { name: 'list.json', text: '[{},{},{}]' },
      ],
    });
    expect(screen.getAllByTestId('import-line').map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'silver.json: application:Silver revision 1',
      'list.json #3: not imported — defaultLimit: is required',
    ]);
  });

  it('exports the whole catalog as one file when it holds several policies', async () => {
    const { script, stores } = await renderView();
    const { saved } = stores;
    script.answers['policies.export'] = async () => ({
      ok: true,
      value: {
        files: [
          { fileName: 'application-Gold.json', text: '{"policyName":"Gold"}\n' },
          { fileName: 'advanced-A.json', text: '{"policyName":"A"}\n' },
        ],
        missing: [],
        truncated: 0,
      },
    });
    await fireEvent.click(screen.getByTestId('export-all'));
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]).toEqual({
      fileName: 'tmc-policies-2.json',
      text: '[\n{"policyName":"Gold"},\n{"policyName":"A"}\n]\n',
      type: 'application/json',
    });
    expect(JSON.parse(saved[0]?.text ?? '')).toHaveLength(2);
    expect(stores.policies.files.exportOutcome?.message).toBe('Exported 2 policies as one file.');
  });
});
