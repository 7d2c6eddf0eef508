import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../electron/core/policy/audit-record-schema';
import { mergeActivity } from '../../renderer/src/lib/policy/activity-merge';
import { activityWords } from '../../renderer/src/lib/policy/activity-words';
import { ActivityStore } from '../../renderer/src/lib/stores/activity-store.svelte';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { PushTracker } from '../../renderer/src/lib/stores/push-tracker.svelte';
import ActivityView from '../../renderer/src/views/ActivityView.svelte';
import { clusterSnapshot, linkSnapshot } from '../support/fixtures';
import { ackedView, auditPush, auditSync, pushView, scriptPolicies, T0 } from '../support/policy-fixtures';
import { loadedStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';
import { switchEvent } from '../support/switch-fixtures';

const label = (id: string) => id.toUpperCase();

describe('activity: one time-ordered list', () => {
  it('merges pushes, audit records, switches and problems newest first', () => {
    const { items, left } = mergeActivity(
      {
        pushes: [ackedView('synced', 2, { pushId: 'live', startedAt: T0 + 5_000, updatedAt: T0 + 5_300 })],
        records: [
          auditSync({ pushId: 'live', at: T0 + 5_310 }),
          auditSync({ pushId: 'old-1', at: T0 + 1_310, afterMs: 310 }),
          auditPush({ pushId: 'old-1', at: T0 + 1_041, latencyMs: 41 }),
          auditSync({ pushId: 'older', at: T0 + 600, afterMs: 100 }),
        ],
        switches: [
          switchEvent({ at: T0, from: null, to: 'tm1', reason: 'first-connect' }),
          switchEvent({ at: T0 + 3_000, from: 'tm1', to: 'tm2', reason: 'died', detectedAfterMs: 900 }),
        ],
        problems: [{ seq: 1, at: T0 + 4_000, message: 'audit.ndjson cannot be written: disk full' }],
      },
      10,
    );
    expect(items.map((i) => [i.type, i.at - T0])).toEqual([
      ['push', 5_000],
      ['problem', 4_000],
      ['switch', 3_000],
      ['audit', 1_000],
      ['audit', 500],
      ['switch', 0],
    ]);
    expect(left).toBe(0);
    const audit = items[3];
    if (audit?.type !== 'audit') throw new Error('not an audit item');
    expect(audit.push?.type).toBe('push');
    expect(audit.sync?.type).toBe('sync');
  });

  it('keeps the newest entries up to its cap and says how many it left out', () => {
    const switches = [1, 2, 3, 4].map((n) => switchEvent({ at: T0 + n, from: 'tm1', to: 'tm2', reason: 'manual' }));
    const { items, left } = mergeActivity({ pushes: [], records: [], switches, problems: [] }, 3);
    expect(items.map((i) => i.at - T0)).toEqual([4, 3, 2]);
    expect(left).toBe(1);
  });

  it('tells two equal switches apart', () => {
    const same = switchEvent({ at: T0, from: 'tm1', to: 'tm2', reason: 'manual' });
    const { items } = mergeActivity({ pushes: [], records: [], switches: [same, same], problems: [] }, 10);
    expect(new Set(items.map((i) => i.id)).size).toBe(2);
  });

  it('words each kind of entry', () => {
    const { items } = mergeActivity(
      {
        pushes: [],
        records: [
          auditSync({
            outcome: 'lagging',
            synced: 1,
            lagging: [{ brokerId: 'tm2', tmId: 'tm2', reason: 'runs revision 2' }],
          }),
          auditPush(),
          auditPush({
            pushId: 'rej',
            at: T0 - 10_000,
            outcome: 'rejected',
            ackedBy: null,
            reasons: ['revision 2 is older'],
          }),
        ],
        switches: [switchEvent({ at: T0 - 20_000, from: 'tm1', to: 'tm2', reason: 'died', detectedAfterMs: 900 })],
        problems: [],
      },
      10,
    );
    expect(items.map((item) => activityWords(item, label))).toEqual([
      {
        label: 'Push',
        title: 'Push of application policy "Gold", revision 3',
        state: 'lagging: synced 1/2',
        tone: 'warn',
        detail: 'by ops (console) · acknowledged by tm2 after 1 failover in 41 ms · lagging: tm2 (runs revision 2)',
      },
      {
        label: 'Push',
        title: 'Push of application policy "Gold", revision 3',
        state: 'rejected',
        tone: 'bad',
        detail: 'by ops (console) · revision 2 is older',
      },
      {
        label: 'Switch',
        title: 'Active traffic manager: TM1 → TM2',
        state: 'died',
        tone: 'warn',
        detail: 'detected after 900 ms',
      },
    ]);
  });
});

function activitySetup(audit: AuditRecord[]) {
  const script = scriptedClient();
  const state = scriptPolicies(script, { audit });
  const saved: { fileName: string; text: string; type: string }[] = [];
  const pushes = new PushTracker(script.client);
  const cluster = new ClusterStore(script.client);
  const activity = new ActivityStore(script.client, cluster, pushes, (file) => saved.push(file), {
    count: 120,
    bytes: 10_000_000,
  });
  return { script, state, activity, pushes, saved };
}

const records = (n: number, from = 0): AuditRecord[] =>
  Array.from({ length: n }, (_, i) => auditSync({ pushId: `p${from + i}`, at: T0 - (from + i) * 1_000 }));

describe('ActivityStore: the audit log, paged', () => {
  it('reads the newest page, then older pages on demand, each record once', async () => {
    const { script, activity } = activitySetup(records(70));
    activity.connect();
    script.setStatus('open');
    await expect.poll(() => activity.records.length).toBe(50);
    expect(activity.total).toBe(70);
    expect(activity.hasOlder).toBe(true);
    await activity.loadOlder();
    expect(activity.records.map((r) => r.pushId)).toEqual(records(70).map((r) => r.pushId));
    expect(activity.hasOlder).toBe(false);
    expect(script.callsOf('audit.read').map((c) => c.payload)).toEqual([
      { offset: 0, limit: 50 },
      { offset: 50, limit: 50 },
    ]);
  });

  it('reads the newest page again when the audit log changes, without repeats', async () => {
    const { script, state, activity } = activitySetup(records(3, 1));
    activity.connect();
    await activity.loadNewest();
    state.audit = [auditSync({ pushId: 'p0', at: T0 }), ...state.audit];
    script.push([{ name: 'policies.changed', payload: { what: 'audit' } }]);
    await expect.poll(() => activity.records.map((r) => r.pushId)).toEqual(['p0', 'p1', 'p2', 'p3']);
  });

  it('leaves no hole when more records were written since its last read than a page holds', async () => {
    const { state, activity } = activitySetup(records(60, 100));
    await activity.loadNewest();
    expect(activity.records.at(-1)?.pushId).toBe('p149');
    // 60 records went into the same log since, more than a page: the command line pushes there too.
    state.audit = [...records(60, 40), ...state.audit];
    await activity.loadNewest();
    expect(activity.hasOlder).toBe(true);
    await activity.loadOlder();
    await activity.loadOlder();
    expect(activity.records.map((r) => r.pushId)).toEqual(records(120, 40).map((r) => r.pushId));
    expect(activity.recordsDropped).toBe(0);
    expect(activity.hasOlder).toBe(false);
  });

  it('stops paging at its cap and counts what it cannot keep', async () => {
    const { activity } = activitySetup(records(200));
    await activity.loadNewest();
    await activity.loadOlder();
    await activity.loadOlder();
    expect(activity.records).toHaveLength(120);
    expect(activity.recordsDropped).toBe(30);
    expect(activity.hasOlder).toBe(false);
  });

  it('exports the whole log as a file the host saves', async () => {
    const { script, activity, saved } = activitySetup([]);
    script.answers['audit.export'] = async ({ format }) => ({
      ok: true,
      value: { fileName: `tmc-audit-x.${format}`, text: 'type,at\n', records: 12, truncated: 2, warnings: [] },
    });
    await activity.exportAudit('csv');
    expect(saved).toEqual([{ fileName: 'tmc-audit-x.csv', text: 'type,at\n', type: 'text/csv' }]);
    expect(activity.exportOutcome).toEqual({
      done: false,
      message: 'Exported 12 records to tmc-audit-x.csv. 2 older records left out to keep the file under its size cap.',
    });
  });
});

describe('ActivityView', () => {
  afterEach(() => cleanup());

  it('lists pushes, switches and problems newest first, and pages older audit records', async () => {
    const script = scriptedClient(
      clusterSnapshot({
        links: [linkSnapshot({ brokerId: 'tm1', label: 'TM 1' }), linkSnapshot({ brokerId: 'tm2', label: 'TM 2' })],
        timeline: [switchEvent({ at: T0 - 60_000, from: null, to: 'tm1', reason: 'first-connect' })],
      }),
    );
    scriptPolicies(script, { audit: records(60, 70) });
    const stores = await loadedStores(script);
    stores.policies.connect();
    stores.activity.connect();
    script.setStatus('open');
    render(ActivityView, { stores, navigate: () => undefined });
    script.push([
      { name: 'policies.push', payload: pushView({ startedAt: T0 + 1_000 }) },
      { name: 'policies.problem', payload: { message: 'audit.ndjson cannot be written: disk full' } },
    ]);
    await expect.poll(() => screen.getAllByTestId('activity-entry').length).toBe(53);
    // The problem is stamped with the page's clock; the rest is ordered by the times they carry.
    const entries = screen.getAllByTestId('activity-entry').filter((e) => e.dataset.type !== 'problem');
    const text = (entry: HTMLElement | undefined, id: string) =>
      entry?.querySelector(`[data-testid="${id}"]`)?.textContent;
    expect(entries.map((e) => e.dataset.type).slice(0, 3)).toEqual(['push', 'switch', 'audit']);
    expect(text(entries[0], 'activity-title')).toBe('Push of application policy "Gold", revision 4');
    expect(text(entries[0], 'activity-state')).toBe('sent, waiting for an acknowledgement');
    expect(text(entries[1], 'activity-title')).toBe('Active traffic manager: none → TM 1');
    const problem = screen.getAllByTestId('activity-entry').find((e) => e.dataset.type === 'problem');
    expect(problem?.textContent).toContain('audit.ndjson cannot be written: disk full');

    await fireEvent.click(screen.getByTestId('load-older'));
    await expect.poll(() => screen.getAllByTestId('activity-entry').length).toBe(63);
    expect(screen.queryByTestId('load-older')).toBeNull();
  });
});
