import { describe, expect, it } from 'vitest';
import type { ControlMessage } from '../../../electron/core/policy/control-message';
import { Deployment } from '../../../electron/demo/engine/deployment';

const limit = (requestCount: number) =>
  ({ type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount } }) as const;

const base = { replyTo: 'tmc/ack/c', issuedAt: 1, issuedBy: 'ops' };

function deploy(pushId: string, revision: number, requestCount = 10, name = 'Bronze'): ControlMessage {
  return {
    ...base,
    pushId,
    revision,
    kind: 'policy.deploy',
    body: { policyType: 'application', policy: { policyName: name, defaultLimit: limit(requestCount) } },
  };
}

function undeploy(pushId: string, revision: number, name = 'Bronze'): ControlMessage {
  return { ...base, pushId, revision, kind: 'policy.undeploy', body: { policyType: 'application', policyName: name } };
}

function blockAdd(pushId: string, revision: number): ControlMessage {
  return {
    ...base,
    pushId,
    revision,
    kind: 'block.add',
    body: { conditionId: 'b1', conditionType: 'USER', conditionValue: 'eve@carbon.super', conditionStatus: true },
  };
}

describe('deployment: control messages', () => {
  it('applies a new policy and says so', () => {
    const deployment = new Deployment();
    const result = deployment.apply(deploy('p1', 1));
    expect(result).toMatchObject({ status: 'applied', revision: 1, effects: [{ kind: 'policy-set' }] });
    expect(deployment.policies().map((p) => [p.key, p.revision])).toEqual([['policy:application:Bronze', 1]]);
  });

  it('answers duplicate to a replayed push id and to the same revision with the same content', () => {
    const deployment = new Deployment();
    deployment.apply(deploy('p1', 1));
    expect(deployment.apply(deploy('p1', 1))).toEqual({
      status: 'duplicate',
      revision: 1,
      reason: 'push p1 was already applied',
    });
    expect(deployment.apply(deploy('p2', 1))).toEqual({
      status: 'duplicate',
      revision: 1,
      reason: 'revision 1 of application policy "Bronze" is already applied',
    });
  });

  it('rejects the same revision with other content, and older revisions', () => {
    const deployment = new Deployment();
    deployment.apply(deploy('p1', 2));
    expect(deployment.apply(deploy('p2', 2, 99))).toEqual({
      status: 'rejected',
      revision: 2,
      reason:
        'revision 2 of application policy "Bronze" is already applied with different content; push it as revision 3',
    });
    expect(deployment.apply(deploy('p3', 1, 99))).toEqual({
      status: 'rejected',
      revision: 2,
      reason: 'revision 1 is older than revision 2 of application policy "Bronze" on this traffic manager',
    });
    expect(deployment.apply(deploy('p4', 3, 99))).toMatchObject({ status: 'applied', revision: 3 });
  });

  it('undeploys with a newer revision and keeps a tombstone against older copies', () => {
    const deployment = new Deployment();
    deployment.apply(deploy('p1', 1));
    expect(deployment.apply(undeploy('p2', 2))).toMatchObject({
      status: 'applied',
      effects: [{ kind: 'policy-removed' }],
    });
    expect(deployment.policies()).toEqual([]);
    expect(deployment.apply(deploy('p3', 1))).toMatchObject({ status: 'rejected', revision: 2 });
    expect(deployment.apply(undeploy('p4', 2))).toMatchObject({ status: 'duplicate' });
    expect(deployment.apply(undeploy('p5', 3))).toEqual({
      status: 'rejected',
      revision: 2,
      reason: 'application policy "Bronze" is not deployed',
    });
    expect(deployment.apply(undeploy('p6', 1, 'Never'))).toMatchObject({ status: 'rejected', revision: 0 });
  });

  it('adds and removes blocking conditions, and resets counters once per push', () => {
    const deployment = new Deployment();
    expect(deployment.apply(blockAdd('b-1', 1))).toMatchObject({ status: 'applied', effects: [{ kind: 'block-set' }] });
    expect(deployment.blocks().map((b) => b.conditionId)).toEqual(['b1']);
    const remove: ControlMessage = {
      ...base,
      pushId: 'b-2',
      revision: 2,
      kind: 'block.remove',
      body: { conditionId: 'b1' },
    };
    expect(deployment.apply(remove)).toMatchObject({ status: 'applied', effects: [{ kind: 'block-removed' }] });
    expect(deployment.blocks()).toEqual([]);
    const reset: ControlMessage = {
      ...base,
      pushId: 'r-1',
      revision: 1,
      kind: 'counters.reset',
      body: { throttleKey: 'k' },
    };
    expect(deployment.apply(reset)).toEqual({
      status: 'applied',
      revision: 1,
      effects: [{ kind: 'counters-reset', throttleKey: 'k' }],
    });
    expect(deployment.apply(reset).status).toBe('duplicate');
  });

  it('refuses new entries past its cap and forgets the oldest push ids past theirs', () => {
    const deployment = new Deployment({ maxRecords: 1, maxTombstones: 1, maxPushIds: 2 });
    deployment.apply(deploy('p1', 1, 10, 'A'));
    expect(deployment.apply(deploy('p2', 1, 10, 'B'))).toMatchObject({
      status: 'rejected',
      reason: 'this traffic manager already holds 1 policies and blocking conditions',
    });
    deployment.apply(deploy('p3', 2, 11, 'A'));
    deployment.apply(deploy('p4', 3, 12, 'A'));
    expect(deployment.droppedCounts().pushIds).toBe(1);
    expect(deployment.snapshot().pushIds).toEqual(['p3', 'p4']);
  });
});

describe('deployment: merging a peer snapshot', () => {
  it('takes newer entries and tombstones, keeps newer local ones, and learns push ids', () => {
    const peer = new Deployment();
    peer.apply(deploy('p1', 1, 10, 'A'));
    peer.apply(deploy('p2', 5, 10, 'B'));
    peer.apply(undeploy('p3', 6, 'B'));
    peer.apply(deploy('p4', 1, 10, 'C'));

    const local = new Deployment();
    local.apply(deploy('l1', 2, 20, 'A'));
    local.apply(deploy('l2', 4, 20, 'B'));

    const effects = local.merge(peer.snapshot());
    expect(effects.map((e) => `${e.kind} ${'record' in e ? e.record.key : ''}`)).toEqual([
      'policy-removed policy:application:B',
      'policy-set policy:application:C',
    ]);
    expect(local.policies().map((p) => [p.key, p.revision])).toEqual([
      ['policy:application:A', 2],
      ['policy:application:C', 1],
    ]);
    expect(local.apply(deploy('p4', 1, 10, 'C')).status).toBe('duplicate');
  });

  it('settles equal revisions with different content the same way on every node', () => {
    const a = new Deployment();
    const b = new Deployment();
    a.apply(deploy('a', 1, 10));
    b.apply(deploy('b', 1, 20));
    a.merge(b.snapshot());
    b.merge(a.snapshot());
    expect(a.policies()[0]?.digest).toBe(b.policies()[0]?.digest);
  });
});
