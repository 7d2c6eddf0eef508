import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../../electron/core/cluster/cluster';
import {
  deployChange,
  deployRevision,
  removalChange,
  removalRevision,
  renumberReason,
} from '../../../electron/core/policy/push-planner';
import { createTmStateTracker, MAX_TMS_PER_BROKER } from '../../../electron/core/policy/tm-state-tracker';
import { linkSnapshot } from '../../support/fixtures';
import { DIGEST, OTHER_DIGEST, tmState } from './push-fixtures';

const TOPICS = { tmPrefix: 'tmc/tm', ackPrefix: 'tmc/ack' };

const message = (brokerId: string, tmId: string, payload: unknown): ClusterEvent => ({
  type: 'message',
  brokerId,
  topic: `tmc/tm/${tmId}/state`,
  payload: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  receivedAt: 7,
});
const link = (brokerId: string, state: 'connected' | 'down'): ClusterEvent => ({
  type: 'link',
  link: linkSnapshot({ brokerId, state }),
});

describe('retained state tracker', () => {
  it('keeps the latest state of the TM behind each broker, live while its link is up', () => {
    const tracker = createTmStateTracker(() => TOPICS);
    const seen: string[] = [];
    tracker.on((id) => seen.push(id));
    tracker.handle(link('tm1', 'connected'));
    tracker.handle(message('tm1', 'tm1', tmState('tm1', 1)));
    tracker.handle(message('tm1', 'tm1', tmState('tm1', 2)));
    expect(tracker.stateOf('tm1')).toMatchObject({ tmId: 'tm1', live: true, receivedAt: 7 });
    expect(tracker.stateOf('tm1')?.state.policies[0]?.revision).toBe(2);
    tracker.handle(link('tm1', 'down'));
    expect(tracker.stateOf('tm1')?.live).toBe(false);
    tracker.handle(message('tm1', 'tm1', ''));
    expect(tracker.stateOf('tm1')).toBeUndefined();
    expect(seen).toEqual(['tm1', 'tm1', 'tm1', 'tm1', 'tm1']);
  });

  it('counts what it cannot use: bad JSON, invalid states, a state under another TM name, unreadable acknowledgements', () => {
    const tracker = createTmStateTracker(() => TOPICS);
    tracker.handle(message('tm1', 'tm1', '{"tmId":'));
    tracker.handle(message('tm1', 'tm1', { tmId: 'tm1' }));
    tracker.handle(message('tm1', 'tm1', tmState('tm9', 1)));
    expect(tracker.stats()).toMatchObject({
      malformed: 3,
      lastProblem: 'tm1 tmc/tm/tm1/state: the state names traffic manager "tm9"',
    });
    expect(tracker.stateOf('tm1')).toBeUndefined();
    tracker.handle({
      type: 'message',
      brokerId: 'tm1',
      topic: 'tmc/ack/c1',
      payload: Buffer.from('{"pushId":1}'),
      receivedAt: 8,
    });
    expect(tracker.stats()).toMatchObject({
      malformed: 4,
      lastProblem: expect.stringMatching(/^tm1 tmc\/ack\/c1: pushId: must be text/) as unknown,
    });
  });

  it('behind a broker carrying several TMs: the one that acknowledged through it, else its namesake, else the first', () => {
    const tracker = createTmStateTracker(() => TOPICS);
    tracker.handle(message('b1', 'tmA', tmState('tmA', 1)));
    tracker.handle(message('b1', 'b1', tmState('b1', 1)));
    expect(tracker.stateOf('b1')?.tmId).toBe('b1');
    tracker.handle(message('b2', 'tmA', tmState('tmA', 1)));
    tracker.handle(message('b2', 'tmB', tmState('tmB', 1)));
    expect(tracker.stateOf('b2')?.tmId).toBe('tmA');
    tracker.learn('b2', 'tmB');
    expect(tracker.stateOf('b2')?.tmId).toBe('tmB');
  });

  it(`keeps at most ${MAX_TMS_PER_BROKER} TMs per broker and counts the rest`, () => {
    const tracker = createTmStateTracker(() => TOPICS);
    for (let i = 0; i <= MAX_TMS_PER_BROKER; i += 1) tracker.handle(message('b1', `t${i}`, tmState(`t${i}`, 1)));
    expect(tracker.stats().dropped).toBe(1);
  });
});

describe('push planning', () => {
  it('deploys above every revision in use, or at the one TMs run when the newest is this content', () => {
    expect(deployRevision(DIGEST, [], 0)).toBe(1);
    expect(deployRevision(DIGEST, [{ revision: 4, digest: OTHER_DIGEST }], 2)).toBe(5);
    expect(
      deployRevision(
        DIGEST,
        [
          { revision: 4, digest: DIGEST },
          { revision: 3, digest: OTHER_DIGEST },
        ],
        2,
      ),
    ).toBe(4);
    expect(deployRevision(DIGEST, [{ revision: 4, digest: DIGEST }], 6)).toBe(7);
    expect(removalRevision([{ revision: 4, digest: DIGEST }], 6)).toBe(7);
  });

  it('renumbers a catalog revision that a TM has passed, or that an undeploy used', () => {
    const current = { revision: 3, digest: DIGEST };
    expect(renumberReason(current, 3, [{ revision: 3, digest: DIGEST }])).toBeUndefined();
    expect(renumberReason(current, 4, [])).toBe('revision 4 was used after it (an undeploy)');
    expect(renumberReason(current, 3, [{ revision: 5, digest: DIGEST }])).toBe('a traffic manager runs revision 5');
    expect(renumberReason(current, 3, [{ revision: 3, digest: OTHER_DIGEST }])).toBe(
      'a traffic manager runs revision 3 with other content',
    );
  });

  it('builds the control body and what to watch for each kind', () => {
    const policy = { policyName: 'Gold', defaultLimit: {} };
    expect(deployChange({ kind: 'application', policy } as never, 2)).toMatchObject({
      kind: 'policy.deploy',
      key: 'application:Gold',
      body: { policyType: 'application', policy },
      target: { key: 'application:Gold', present: true, revision: 2 },
    });
    expect(removalChange('blocking:b1', 3)).toMatchObject({
      kind: 'block.remove',
      body: { conditionId: 'b1' },
      target: { present: false, revision: 3, digest: null },
    });
    expect(removalChange('custom:Rule', 3)?.body).toEqual({ policyType: 'custom', policyName: 'Rule' });
    expect(removalChange('nonsense', 1)).toBeUndefined();
  });
});
