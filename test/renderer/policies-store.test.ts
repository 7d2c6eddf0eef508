import { describe, expect, it } from 'vitest';
import type { PushView } from '../../electron/core/policy/push-view-schema';
import { ClusterStore } from '../../renderer/src/lib/stores/cluster-store.svelte';
import { PushTracker } from '../../renderer/src/lib/stores/push-tracker.svelte';
import {
  ackedView,
  catalogSummary,
  matrixRow,
  pushView,
  scriptPolicies,
  syncMatrix,
  T0,
} from '../support/policy-fixtures';
import { policyStores } from '../support/renderer-stores';
import { scriptedClient } from '../support/scripted-client';

function setup() {
  const script = scriptedClient();
  const state = scriptPolicies(script, { entries: [catalogSummary()], matrix: syncMatrix() });
  const { policies, activity, saved } = policyStores(script.client, new ClusterStore(script.client));
  return { script, state, policies, activity, saved };
}

const pushEvent = (view: PushView) => ({ name: 'policies.push' as const, payload: view });

describe('PoliciesStore: catalog and sync matrix', () => {
  it('loads the catalog and the matrix when the host connection opens', async () => {
    const { script, policies } = setup();
    policies.connect();
    script.setStatus('open');
    await expect.poll(() => policies.loaded).toBe(true);
    expect(policies.entries.map((e) => e.key)).toEqual(['application:Gold']);
    expect(policies.matrix?.rows.map((r) => r.key)).toEqual(['application:Gold']);
    expect(script.callsOf('policies.pushStatus')).toHaveLength(1);
  });

  it('fetches again on policies.changed for the catalog or TM states, not for the audit log', async () => {
    const { script, state, policies } = setup();
    policies.connect();
    await policies.refresh();
    const before = script.callsOf('policies.syncMatrix').length;
    script.push([{ name: 'policies.changed', payload: { what: 'audit' } }]);
    expect(script.callsOf('policies.syncMatrix')).toHaveLength(before);

    state.matrix = syncMatrix([matrixRow({ inSync: false })]);
    script.push([{ name: 'policies.changed', payload: { what: 'tm-state' } }]);
    await expect.poll(() => policies.matrix?.rows[0]?.inSync).toBe(false);
    expect(script.callsOf('policies.syncMatrix')).toHaveLength(before + 1);
  });

  it('runs one fetch at a time, and one more after a burst of changes', async () => {
    const { script, policies } = setup();
    let release: () => void = () => undefined;
    let waiting = 0;
    script.answers['policies.syncMatrix'] = () => {
      waiting += 1;
      return new Promise((resolve) => {
        release = () => resolve({ ok: true, value: syncMatrix() });
      });
    };
    policies.connect();
    const first = policies.refresh();
    for (let i = 0; i < 5; i += 1) script.push([{ name: 'policies.changed', payload: { what: 'tm-state' } }]);
    expect(waiting).toBe(1);
    release();
    await expect.poll(() => waiting).toBe(2);
    release();
    await first;
    expect(script.callsOf('policies.syncMatrix')).toHaveLength(2);
  });

  it('says what could not be loaded, and keeps what it had', async () => {
    const { script, policies } = setup();
    await policies.refresh();
    script.answers['policies.syncMatrix'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    await policies.refresh();
    expect(policies.error).toBe('The sync matrix could not be loaded: Not connected to the console host.');
    expect(policies.matrix?.rows).toHaveLength(1);
  });

  it('loads the diff of the selected policy, and again when things change', async () => {
    const { script, policies } = setup();
    let status: 'missing' | 'in-sync' = 'missing';
    script.answers['policies.diff'] = async ({ key }) => ({
      ok: true,
      value: {
        ok: true,
        key,
        local: { revision: 4, digest: 'd' },
        tms: [{ brokerId: 'tm1', tmId: 'tm1', revision: null, digest: null, status, changes: [], more: 0, note: '' }],
        warnings: [],
      },
    });
    policies.connect();
    policies.select('application:Gold');
    await expect.poll(() => policies.diff?.answer?.tms[0]?.status).toBe('missing');
    status = 'in-sync';
    script.push([{ name: 'policies.changed', payload: { what: 'tm-state' } }]);
    await expect.poll(() => policies.diff?.answer?.tms[0]?.status).toBe('in-sync');
    expect(script.callsOf('policies.diff').map((c) => c.payload)).toEqual([
      { key: 'application:Gold' },
      { key: 'application:Gold' },
    ]);
  });
});

describe('PoliciesStore: pushes', () => {
  it('follows a push from its start through the events to synced', async () => {
    const { script, policies } = setup();
    script.answers['policies.push'] = async () => ({
      ok: true,
      value: { started: true, pushId: 'push-1', message: 'Sent.', errors: [] },
    });
    policies.connect();
    await policies.push('application:Gold');
    expect(policies.started).toEqual({
      key: 'application:Gold',
      outcome: { pushId: 'push-1', message: 'Sent.', errors: [] },
    });
    const phases: string[] = [];
    for (const view of [pushView(), ackedView('syncing', 1), ackedView('synced', 2, { updatedAt: T0 + 300 })]) {
      script.push([pushEvent(view)]);
      phases.push(policies.pushes.latestFor('application:Gold')?.phase ?? 'none');
    }
    expect(phases).toEqual(['awaiting-ack', 'syncing', 'synced']);
    expect(policies.pushes.byId('push-1')?.sync?.synced).toBe(2);
  });

  it('keeps why a push did not start, with the errors by path', async () => {
    const { script, policies } = setup();
    script.answers['policies.push'] = async () => ({
      ok: true,
      value: {
        started: false,
        pushId: null,
        message: 'Revision 4 of application policy "Gold" is not valid.',
        errors: [{ path: 'defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
      },
    });
    await policies.push('application:Gold');
    expect(policies.started?.outcome).toEqual({
      pushId: null,
      message: 'Revision 4 of application policy "Gold" is not valid.',
      errors: [{ path: 'defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
    });
  });

  it('says a push was not sent when the host cannot be reached', async () => {
    const { script, policies } = setup();
    script.answers['policies.undeploy'] = async () => ({
      ok: false,
      error: { code: 'transport-failed', message: 'Not connected to the console host.' },
    });
    await policies.undeploy('application:Gold');
    expect(policies.started?.outcome.pushId).toBeNull();
    expect(policies.started?.outcome.message).toBe(
      'The undeploy was not sent: Not connected to the console host. The console reconnects by itself; try again once it is back.',
    );
  });

  it('deletes from the catalog and says the TMs still run it', async () => {
    const { script, state, policies } = setup();
    script.answers['policies.delete'] = async ({ key }) => {
      state.entries = [];
      return {
        ok: true,
        value: {
          ok: true,
          errors: [],
          warnings: [{ path: key, message: 'application policy "Gold" is still deployed on the traffic managers.' }],
        },
      };
    };
    policies.select('application:Gold');
    await policies.remove('application:Gold');
    expect(policies.outcome).toEqual({
      done: true,
      message: 'Deleted application:Gold from the catalog.',
      warnings: ['application policy "Gold" is still deployed on the traffic managers.'],
    });
    expect(policies.selectedKey).toBeNull();
    expect(policies.entries).toEqual([]);
  });
});

describe('PushTracker: bounded, never stepping back', () => {
  it('keeps the newest view of each push even when a status answer crosses an event', async () => {
    const script = scriptedClient();
    const tracker = new PushTracker(script.client);
    tracker.connect();
    script.push([pushEvent(ackedView('synced', 2, { updatedAt: T0 + 300 }))]);
    script.answers['policies.pushStatus'] = async () => ({ ok: true, value: { pushes: [pushView()], dropped: 0 } });
    await tracker.load();
    expect(tracker.byId('push-1')?.phase).toBe('synced');
  });

  it('caps the pushes by count and by bytes, newest kept, and counts the rest with the core’s drops', async () => {
    const script = scriptedClient();
    const tracker = new PushTracker(script.client, () => T0, { count: 3, bytes: 1_000_000 });
    tracker.connect();
    const views = [1, 2, 3, 4, 5].map((n) => pushView({ pushId: `p${n}`, startedAt: T0 + n, updatedAt: T0 + n }));
    script.push(views.map(pushEvent));
    expect(tracker.views.map((v) => v.pushId)).toEqual(['p5', 'p4', 'p3']);
    expect(tracker.dropped).toBe(2);
    script.answers['policies.pushStatus'] = async () => ({ ok: true, value: { pushes: [], dropped: 7 } });
    await tracker.load();
    expect(tracker.dropped).toBe(9);

    const bySize = new PushTracker(script.client, () => T0, {
      count: 50,
      bytes: 2 * JSON.stringify(pushView()).length + 10,
    });
    bySize.connect();
    script.push(views.map(pushEvent));
    expect(bySize.views).toHaveLength(2);
    expect(bySize.dropped).toBe(3);
  });

  it('asks the core again when the hub dropped events', async () => {
    const script = scriptedClient();
    script.answers['policies.pushStatus'] = async () => ({
      ok: true,
      value: { pushes: [ackedView('lagging', 1)], dropped: 0 },
    });
    const tracker = new PushTracker(script.client);
    tracker.connect();
    script.push([], 4);
    await expect.poll(() => tracker.byId('push-1')?.phase).toBe('lagging');
  });

  it('keeps problems the core reports, newest first and capped', () => {
    const script = scriptedClient();
    let now = T0;
    const tracker = new PushTracker(script.client, () => now, undefined, { count: 2, bytes: 10_000 });
    tracker.connect();
    for (const message of ['disk full', 'still full', 'audit file gone']) {
      now += 1_000;
      script.push([{ name: 'policies.problem', payload: { message } }]);
    }
    expect(tracker.problems.map((p) => [p.message, p.at])).toEqual([
      ['audit file gone', T0 + 3_000],
      ['still full', T0 + 2_000],
    ]);
    expect(tracker.problemsDropped).toBe(1);
  });
});
