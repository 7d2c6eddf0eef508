import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../electron/core/cluster/cluster';
import type { CallResponse } from '../../electron/core/host/contract';
import type { PushStartResult } from '../../electron/core/host/policy-contract';
import { runPush } from '../../electron/core/policy/push-driver';
import type { PushStart } from '../../electron/core/policy/policy-service';
import type { PushView } from '../../electron/core/policy/push-view';
import { startDemoCluster, type DemoCluster } from '../../electron/demo/demo-cluster';
import { isLinkState, nextClusterEvent } from '../support/cluster-watch';
import {
  ended,
  openPolicyCore,
  untilActive,
  untilPush,
  untilStatesKnown,
  type PolicyCore,
} from '../support/policy-core';

// Pushes through the contract to the embedded demo cluster: real brokers, real traffic managers
// with peer sync, the console's real links and failover.

const limit = (requestCount: number) => ({
  type: 'REQUESTCOUNTLIMIT',
  requestCount: { timeUnit: 'min', unitTime: 1, requestCount },
});
const platinum = (requestCount: number) => ({ policyName: 'Platinum', defaultLimit: limit(requestCount) });
const KEY = 'application:Platinum';
type LinkEvent = Extract<ClusterEvent, { type: 'link' }>;

let cluster: DemoCluster;
let console1: PolicyCore;

async function start(options: { syncTimeoutMs?: number } = {}): Promise<void> {
  cluster = await startDemoCluster({ tms: 2, rate: 0 });
  // A short failback hold: tm1 is active even when tm2 happened to connect first.
  console1 = await openPolicyCore({ ...cluster.profile, failover: { failbackHoldMs: 200 } }, options);
  await untilStatesKnown(console1.core);
  await untilActive(console1.core, 'tm1');
}

afterEach(async () => {
  await console1?.close();
  await cluster?.stop();
});

async function pushed(start: PushStartResult): Promise<PushView> {
  expect(start).toMatchObject({ started: true, errors: [] });
  const view = await console1.core.policies.whenDone(start.pushId ?? '');
  if (!view) throw new Error(`push ${start.pushId} is unknown`);
  return view;
}

const revisionOn = (node: number, name = 'Platinum'): number | undefined =>
  cluster.nodes[node]?.tm?.state().policies.find((p) => p.name === name)?.revision;

describe('policy pushes on the demo cluster', () => {
  beforeEach(() => start());

  it('saves, pushes to the active TM, is acknowledged and synced 2/2, and says so everywhere', async () => {
    const saved = await console1.call<CallResponse<'policies.save'>>('policies.save', { body: platinum(50) });
    expect(saved).toMatchObject({ ok: true, unchanged: false, entry: { key: KEY, revision: 1, deployed: null } });
    const progress: string[] = [];
    console1.core.policies.on((e) => {
      if (e.type === 'push') progress.push(e.view.phase);
    });

    const view = await pushed(await console1.call('policies.push', { key: KEY }));
    expect(view).toMatchObject({
      phase: 'synced',
      revision: 1,
      failovers: 0,
      ack: { brokerId: 'tm1', tmId: 'tm1', status: 'applied' },
      message: 'Acknowledged by tm1 after 0 failovers; synced 2/2.',
    });
    expect(progress[0]).toBe('awaiting-ack');
    expect(progress.at(-1)).toBe('synced');
    expect([revisionOn(0), revisionOn(1)]).toEqual([1, 1]);

    const list = await console1.call<CallResponse<'policies.list'>>('policies.list', {});
    expect(list.entries.find((e) => e.key === KEY)?.deployed).toMatchObject({ revision: 1, tmId: 'tm1' });
    const matrix = await console1.call<CallResponse<'policies.syncMatrix'>>('policies.syncMatrix', {});
    expect(matrix.rows.find((r) => r.key === KEY)).toMatchObject({
      inSync: true,
      cells: [
        { brokerId: 'tm1', revision: 1, status: 'in-sync' },
        { brokerId: 'tm2', revision: 1, status: 'in-sync' },
      ],
    });
    expect(matrix.problems).toEqual({ malformed: 0, dropped: 0, lastProblem: null });
    const audit = await console1.call<CallResponse<'audit.read'>>('audit.read', { offset: 0, limit: 10 });
    expect(audit.records.map((r) => [r.type, r.outcome])).toEqual([
      ['sync', 'synced'],
      ['push', 'acknowledged'],
    ]);
    expect(audit.records[1]).toMatchObject({ user: 'ops', kind: 'policy.deploy', policy: 'Platinum', revision: 1 });
  });

  it('a changed policy gets the next revision; the diff names the changed field for each TM', async () => {
    await console1.call('policies.save', { body: platinum(50) });
    await pushed(await console1.call('policies.push', { key: KEY }));
    const saved = await console1.call<CallResponse<'policies.save'>>('policies.save', { body: platinum(80) });
    expect(saved).toMatchObject({ ok: true, entry: { revision: 2 } });
    const diff = await console1.call<CallResponse<'policies.diff'>>('policies.diff', { key: KEY });
    expect(diff.ok && diff.tms.map((t) => [t.brokerId, t.status, t.changes.map((c) => c.text)])).toEqual([
      ['tm1', 'behind', ['defaultLimit.requestCount.requestCount: 50 → 80']],
      ['tm2', 'behind', ['defaultLimit.requestCount.requestCount: 50 → 80']],
    ]);
    const view = await pushed(await console1.call('policies.push', { key: KEY }));
    expect(view).toMatchObject({ phase: 'synced', revision: 2 });
    expect([revisionOn(0), revisionOn(1)]).toEqual([2, 2]);
  });

  it('the active TM killed mid-push: completed on the next with the same pushId, applied once, audited', async () => {
    await console1.call('policies.save', { body: platinum(40) });
    const tm2Before = cluster.nodes[1]?.tm?.stats();
    let killed = false;
    const off = console1.core.policies.on((event) => {
      if (event.type !== 'push' || killed) return;
      killed = true;
      // Drop tm1's connections now, before its broker reads the message just published.
      void cluster.nodes[0]?.broker.kill();
      void cluster.kill('tm1');
    });
    const start = await console1.call<PushStartResult>('policies.push', { key: KEY });
    off();
    const acknowledged = await untilPush(console1.core, start.pushId ?? '', (v) => v.ack !== null);
    expect(acknowledged).toMatchObject({
      pushId: start.pushId,
      failovers: 1,
      attempts: [
        { brokerId: 'tm1', outcome: 'disconnected' },
        { brokerId: 'tm2', outcome: 'acknowledged' },
      ],
      ack: { tmId: 'tm2', status: 'applied' },
    });
    await cluster.restart('tm1');
    const view = await pushed(start);
    expect(view.phase).toBe('synced');
    expect([revisionOn(0), revisionOn(1)]).toEqual([1, 1]);
    // Applied once: by tm2's control handler; tm1 took it from tm2 when it came back.
    const tm2 = cluster.nodes[1]?.tm?.stats();
    expect((tm2?.control.applied ?? 0) - (tm2Before?.control.applied ?? 0)).toBe(1);
    expect((tm2?.sync.changesApplied ?? 0) - (tm2Before?.sync.changesApplied ?? 0)).toBe(0);
    expect(cluster.nodes[0]?.tm?.stats().control).toEqual({ applied: 0, duplicate: 0, rejected: 0 });
    expect(cluster.nodes[0]?.tm?.state().syncedFrom).toBe('tm2');

    const audit = await console1.call<CallResponse<'audit.read'>>('audit.read', { offset: 0, limit: 10 });
    const record = audit.records.find((r) => r.type === 'push');
    expect(record).toMatchObject({
      pushId: start.pushId,
      outcome: 'acknowledged',
      failovers: 1,
      ackedBy: { brokerId: 'tm2', tmId: 'tm2' },
      attempts: [
        { brokerId: 'tm1', outcome: 'disconnected' },
        { brokerId: 'tm2', outcome: 'acknowledged' },
      ],
    });
  });

  it('a TM rejects: the push stops with its reasons and nothing is deployed', async () => {
    const start = await console1.call<PushStartResult>('policies.undeploy', { key: 'application:Nowhere' });
    const view = await pushed(start);
    expect(view).toMatchObject({
      phase: 'rejected',
      attempts: [{ brokerId: 'tm1', outcome: 'rejected' }],
      message: 'Rejected by tm1: application policy "Nowhere" is not deployed. Nothing was deployed.',
    });

    // A body the console would refuse, sent anyway: the TM's own validation answers with paths.
    const cluster1 = console1.core.cluster();
    if (!cluster1) throw new Error('no cluster');
    const run = runPush(
      {
        cluster: cluster1,
        tracker: console1.core.reports.tracker,
        topics: { control: 'tmc/control', ackPrefix: 'tmc/ack' },
        clock: Date.now,
        issuedBy: 'ops',
      },
      {
        pushId: 'bad-1',
        kind: 'policy.deploy',
        key: 'application:Bad',
        subject: 'application policy "Bad"',
        revision: 1,
        order: cluster1.failoverOrder(),
        target: { key: 'application:Bad', present: true, revision: 1, digest: 'x' },
        ackTimeoutMs: 3_000,
        syncTimeoutMs: 1_000,
      },
      { policyType: 'application', policy: { policyName: 'Bad', defaultLimit: limit(0) } },
      () => undefined,
    );
    expect(await run.done).toMatchObject({
      phase: 'rejected',
      rejection: {
        tmId: 'tm1',
        errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
      },
    });
    expect([revisionOn(0, 'Bad'), revisionOn(1, 'Bad')]).toEqual([undefined, undefined]);
  });

  it('all traffic managers down: fails at once with a clear message, nothing recorded as deployed', async () => {
    await console1.call('policies.save', { body: platinum(30) });
    const downs = ['tm1', 'tm2'].map((id) =>
      nextClusterEvent(
        console1.core,
        (e): e is LinkEvent => isLinkState(id, 'reconnecting')(e) || isLinkState(id, 'down')(e),
      ),
    );
    await Promise.all([cluster.kill('tm1'), cluster.kill('tm2')]);
    await Promise.all(downs);

    const start = await console1.call<PushStartResult>('policies.push', { key: KEY });
    expect(start).toMatchObject({
      started: true,
      message: 'No traffic manager is connected (tm1, tm2), so nothing was sent.',
    });
    const view = await pushed(start);
    expect(view).toMatchObject({ phase: 'failed', attempts: [], ack: null });
    expect(view.updatedAt).toBe(view.startedAt);
    const list = await console1.call<CallResponse<'policies.list'>>('policies.list', {});
    expect(list.entries.find((e) => e.key === KEY)?.deployed).toBeNull();
    const audit = await console1.call<CallResponse<'audit.read'>>('audit.read', { offset: 0, limit: 10 });
    expect(audit.records).toMatchObject([{ type: 'push', outcome: 'failed', attempts: [], ackedBy: null }]);
  });
});

describe('a traffic manager that misses the update', () => {
  beforeEach(() => start({ syncTimeoutMs: 1_500 }));

  it('is reported as lagging, with what it runs', async () => {
    await console1.call('policies.save', { body: platinum(25) });
    cluster.nodes[1]?.tm?.setPeerSync(false);
    const view = await pushed(await console1.call('policies.push', { key: KEY }));
    expect(view).toMatchObject({
      phase: 'lagging',
      ack: { tmId: 'tm1' },
      sync: { synced: 1, total: 2, lagging: [{ brokerId: 'tm2', tmId: 'tm2', reason: 'does not have it' }] },
      message: 'Acknowledged by tm1 after 0 failovers; synced 1/2; lagging: tm2 (does not have it).',
    });
    expect(cluster.nodes[1]?.tm?.stats().sync.missedWhileOff).toBe(1);
    const matrix = await console1.call<CallResponse<'policies.syncMatrix'>>('policies.syncMatrix', {});
    expect(matrix.rows.find((r) => r.key === KEY)?.cells.map((c) => c.status)).toEqual(['in-sync', 'missing']);
    const audit = await console1.call<CallResponse<'audit.read'>>('audit.read', { offset: 0, limit: 1 });
    expect(audit.records[0]).toMatchObject({ type: 'sync', outcome: 'lagging', synced: 1, total: 2 });
    expect(audit.nextOffset).toBe(1);
  });
});

describe('blocking conditions and counter resets', () => {
  beforeEach(() => start());

  it('adds a blocking condition on every TM and removes it again, each synced', async () => {
    const condition = { conditionType: 'USER', conditionValue: 'eve@carbon.super', conditionStatus: true };
    const added = await pushed(await console1.call('blocks.add', { condition }));
    expect(added).toMatchObject({ kind: 'block.add', phase: 'synced', revision: 1 });
    const id = added.key.slice('blocking:'.length);
    expect(cluster.nodes.map((n) => n.tm?.state().blocks.some((b) => b.conditionId === id))).toEqual([true, true]);
    const removed = await pushed(await console1.call('blocks.remove', { conditionId: id }));
    expect(removed).toMatchObject({ kind: 'block.remove', phase: 'synced', revision: 2 });
    expect(cluster.nodes.map((n) => n.tm?.state().blocks.some((b) => b.conditionId === id))).toEqual([false, false]);
  });

  it('blocks, unblocks and blocks again under one id from the command line (no catalog entry): each applied', async () => {
    const condition = { conditionId: 'eve', conditionType: 'USER', conditionValue: 'eve@carbon.super' };
    const finished = async (starting: Promise<PushStart>): Promise<PushView> => {
      const start = await starting;
      if (!start.started) throw new Error(start.message);
      return start.done;
    };
    const { policies } = console1.core;
    expect(await finished(policies.deployBody(condition, 'blocking'))).toMatchObject({ phase: 'synced', revision: 1 });
    expect(await finished(policies.undeploy('blocking:eve'))).toMatchObject({ phase: 'synced', revision: 2 });
    // The TMs keep the removal at revision 2, and their state no longer shows the key.
    expect(await finished(policies.deployBody(condition, 'blocking'))).toMatchObject({ phase: 'synced', revision: 3 });
    expect(cluster.nodes.map((n) => n.tm?.state().blocks.some((b) => b.conditionId === 'eve'))).toEqual([true, true]);
  });

  it('refused as older than a removal another console pushed, then goes above it on the next try', async () => {
    const condition = { conditionId: 'mallory', conditionType: 'USER', conditionValue: 'mallory@carbon.super' };
    const finished = async (starting: Promise<PushStart>): Promise<PushView> => {
      const start = await starting;
      if (!start.started) throw new Error(start.message);
      return start.done;
    };
    expect(await finished(console1.core.policies.deployBody(condition, 'blocking'))).toMatchObject({ revision: 1 });
    // A second console (the command line, say) removes it: TMs keep revision 2 and stop showing the key.
    const other = await openPolicyCore({ ...cluster.profile, failover: { failbackHoldMs: 200 } });
    try {
      await untilStatesKnown(other.core);
      expect(await finished(other.core.policies.undeploy('blocking:mallory'))).toMatchObject({ revision: 2 });
    } finally {
      await other.close();
    }
    const refused = await finished(console1.core.policies.deployBody(condition, 'blocking'));
    expect(refused).toMatchObject({ phase: 'rejected', revision: 1, rejection: { revision: 2 } });
    expect(refused.message).toContain('older than revision 2');
    expect(await finished(console1.core.policies.deployBody(condition, 'blocking'))).toMatchObject({
      phase: 'synced',
      revision: 3,
    });
  });

  it('resets the counters of a key: acknowledged, with nothing to sync', async () => {
    const start1 = await console1.call<PushStartResult>('counters.reset', { throttleKey: '12:admin@carbon.super' });
    const view = await untilPush(console1.core, start1.pushId ?? '', ended);
    expect(view).toMatchObject({ phase: 'acknowledged', kind: 'counters.reset', sync: null });
  });
});
