import { describe, expect, it } from 'vitest';
import {
  nextDeadline,
  startPush,
  stepPush,
  type PushEvent,
  type PushState,
} from '../../../electron/core/policy/push-machine';
import { pushView } from '../../../electron/core/policy/push-view';
import { ack, OTHER_DIGEST, plan, tmState } from './push-fixtures';

const ALL = ['tm1', 'tm2', 'tm3'];

/** Applies events in order, collecting the brokers published to. */
function run(state: PushState, events: PushEvent[]): { state: PushState; published: string[] } {
  const published: string[] = [];
  let current = state;
  for (const event of events) {
    const next = stepPush(current, event);
    current = next.state;
    published.push(...next.commands.map((c) => c.brokerId));
  }
  return { state: current, published };
}

const states = (revision: number | null): PushEvent[] =>
  ALL.map((id) => ({ type: 'state', brokerId: id, at: 50, state: tmState(id, revision) }));

describe('push lifecycle: sending and acknowledgement', () => {
  it('sends to the first connected broker in order and waits with its own deadline', () => {
    const started = startPush(plan(), 1_000, ['tm2', 'tm3']);
    expect(started.commands).toEqual([{ type: 'publish', brokerId: 'tm2' }]);
    expect(started.state.phase).toBe('awaiting-ack');
    expect(nextDeadline(started.state)).toBe(4_000);
    expect(pushView(started.state).message).toBe(
      'Sent application policy "Gold" revision 2 to tm2; waiting for its acknowledgement.',
    );
  });

  it('fails at once when no broker is connected, sending nothing', () => {
    const started = startPush(plan(), 0, []);
    expect(started.commands).toEqual([]);
    expect(started.state.phase).toBe('failed');
    expect(nextDeadline(started.state)).toBeNull();
    expect(pushView(started.state).message).toBe(
      'No traffic manager is connected (tm1, tm2, tm3), so nothing was sent.',
    );
  });

  it('acknowledged, then synced n/N as each TM reports the revision', () => {
    const { state } = run(startPush(plan(), 0, ALL).state, [
      { type: 'ack', brokerId: 'tm1', at: 40, ack: ack('tm1', 'applied') },
      { type: 'state', brokerId: 'tm1', at: 41, state: tmState('tm1', 2) },
      { type: 'state', brokerId: 'tm2', at: 45, state: tmState('tm2', 2) },
    ]);
    expect(state.phase).toBe('syncing');
    expect(pushView(state)).toMatchObject({
      ack: { brokerId: 'tm1', tmId: 'tm1', status: 'applied', latencyMs: 40 },
      failovers: 0,
      sync: { synced: 2, total: 3, lagging: [{ brokerId: 'tm3', tmId: null, reason: 'no state received' }] },
      message: 'Acknowledged by tm1 after 0 failovers; synced 2/3, waiting for tm3 (no state received).',
    });
    const synced = run(state, [{ type: 'state', brokerId: 'tm3', at: 60, state: tmState('tm3', 2) }]).state;
    expect(synced.phase).toBe('synced');
    expect(pushView(synced).message).toBe('Acknowledged by tm1 after 0 failovers; synced 3/3.');
    expect(pushView(synced).sync?.syncedAfterMs).toBe(60);
  });

  it('counts states that arrived before the acknowledgement (a TM publishes its state first)', () => {
    const { state } = run(startPush(plan(), 0, ALL).state, [
      ...states(2),
      { type: 'ack', brokerId: 'tm1', at: 70, ack: ack('tm1', 'applied') },
    ]);
    expect(state.phase).toBe('synced');
  });

  it('takes a duplicate as an acknowledgement of what the TM already has', () => {
    const { state } = run(startPush(plan(), 0, ALL, { tm1: tmState('tm1', 2) }).state, [
      { type: 'ack', brokerId: 'tm1', at: 5, ack: ack('tm1', 'duplicate') },
    ]);
    expect(pushView(state).message).toMatch(
      /^Acknowledged by tm1, which already had it after 0 failovers; synced 1\/3/,
    );
  });

  it('ends at the acknowledgement when there is nothing to watch (a counter reset)', () => {
    const reset = plan({ kind: 'counters.reset', key: '12:admin', target: null, revision: 1 });
    const { state, published } = run(startPush(reset, 0, ALL).state, [
      { type: 'ack', brokerId: 'tm1', at: 9, ack: ack('tm1', 'applied', { revision: 1 }) },
      { type: 'tick', at: 100_000 },
    ]);
    expect(published).toEqual([]);
    expect(state.phase).toBe('acknowledged');
    expect(pushView(state)).toMatchObject({ sync: null, message: 'Acknowledged by tm1 after 0 failovers.' });
  });
});

describe('push lifecycle: failover with the same pushId', () => {
  it('moves to the next broker when the deadline passes without an answer', () => {
    const { state, published } = run(startPush(plan(), 0, ALL).state, [
      { type: 'tick', at: 2_999 },
      { type: 'tick', at: 3_000 },
      { type: 'ack', brokerId: 'tm2', at: 3_050, ack: ack('tm2', 'applied') },
    ]);
    expect(published).toEqual(['tm2']);
    expect(state.plan.pushId).toBe('push-1');
    expect(pushView(state)).toMatchObject({
      failovers: 1,
      attempts: [
        { brokerId: 'tm1', outcome: 'no-answer', detail: 'no answer within 3000 ms', endedAt: 3_000 },
        { brokerId: 'tm2', outcome: 'acknowledged', sentAt: 3_000 },
      ],
      ack: { tmId: 'tm2', latencyMs: 3_050 },
    });
    expect(pushView(state).message).toMatch(/^Acknowledged by tm2 after 1 failover; synced 0\/3/);
  });

  it('moves on at once when the broker it waits on disconnects, and skips disconnected ones', () => {
    const { state, published } = run(startPush(plan(), 0, ALL).state, [
      { type: 'link-down', brokerId: 'tm2', at: 10 },
      { type: 'link-down', brokerId: 'tm1', at: 20 },
    ]);
    expect(published).toEqual(['tm3']);
    expect(state.attempts.map((a) => [a.brokerId, a.outcome])).toEqual([
      ['tm1', 'disconnected'],
      ['tm3', 'waiting'],
    ]);
    expect(nextDeadline(state)).toBe(3_020);
  });

  it('moves on when the publish itself fails', () => {
    const { published, state } = run(startPush(plan(), 0, ALL).state, [
      { type: 'publish-failed', brokerId: 'tm1', at: 1, reason: 'not connected' },
    ]);
    expect(published).toEqual(['tm2']);
    expect(state.attempts[0]).toMatchObject({ outcome: 'not-sent', detail: 'not connected' });
  });

  it('fails with every reason when no broker answers, and says the push may have landed', () => {
    const { state } = run(startPush(plan(), 0, ['tm1', 'tm2']).state, [
      { type: 'published', brokerId: 'tm1', at: 2 },
      { type: 'tick', at: 3_000 },
      { type: 'link-down', brokerId: 'tm2', at: 3_500 },
    ]);
    expect(state.phase).toBe('failed');
    expect(state.attempts[0]?.delivered).toBe(true);
    expect(pushView(state).message).toBe(
      'No traffic manager acknowledged the push (tm1: no answer within 3000 ms; tm2: connection lost before an answer; tm3: not connected). ' +
        'One may have applied it without its answer reaching the console: check the sync matrix before pushing again.',
    );
  });

  it('accepts a late acknowledgement from a broker it already left', () => {
    const { state } = run(startPush(plan(), 0, ALL).state, [
      { type: 'tick', at: 3_000 },
      { type: 'ack', brokerId: 'tm1', at: 3_200, ack: ack('tm1', 'applied') },
      { type: 'ack', brokerId: 'tm2', at: 3_300, ack: ack('tm2', 'duplicate') },
    ]);
    expect(state.ack).toMatchObject({ brokerId: 'tm1', status: 'applied' });
    expect(state.attempts.map((a) => [a.brokerId, a.outcome, a.detail])).toEqual([
      ['tm1', 'acknowledged', 'answered late, after no-answer'],
      ['tm2', 'superseded', null],
    ]);
  });

  it('goes on in failover order after the last broker tried, wrapping around', () => {
    const { published } = run(startPush(plan({ order: ['tm2', 'tm3', 'tm1'] }), 0, ALL).state, [
      { type: 'tick', at: 3_000 },
      { type: 'tick', at: 6_000 },
    ]);
    expect(published).toEqual(['tm3', 'tm1']);
  });

  it('can try a broker that came back while it was waiting', () => {
    const { published } = run(startPush(plan(), 0, ['tm1']).state, [
      { type: 'link-up', brokerId: 'tm3', at: 100 },
      { type: 'tick', at: 3_000 },
    ]);
    expect(published).toEqual(['tm3']);
  });
});

describe('push lifecycle: rejection, lag, cancel and stray events', () => {
  it('stops at a rejection with the reasons, trying no other broker', () => {
    const rejected = ack('tm1', 'rejected', {
      revision: 0,
      reason: 'body.policy.defaultLimit.requestCount.requestCount: must be greater than 0',
      errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
    });
    const { state, published } = run(startPush(plan(), 0, ALL).state, [
      { type: 'ack', brokerId: 'tm1', at: 30, ack: rejected },
      { type: 'tick', at: 3_000 },
    ]);
    expect(published).toEqual([]);
    expect(state.phase).toBe('rejected');
    expect(pushView(state)).toMatchObject({
      rejection: { tmId: 'tm1', errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount' }] },
      message:
        'Rejected by tm1: body.policy.defaultLimit.requestCount.requestCount: must be greater than 0. Nothing was deployed.',
    });
  });

  it('reports which TMs lag, and why, when the sync deadline passes', () => {
    const { state } = run(startPush(plan(), 0, ALL).state, [
      { type: 'ack', brokerId: 'tm1', at: 10, ack: ack('tm1', 'applied') },
      { type: 'state', brokerId: 'tm1', at: 11, state: tmState('tm1', 2) },
      { type: 'state', brokerId: 'tm2', at: 12, state: tmState('tm2', 1) },
      { type: 'link-down', brokerId: 'tm3', at: 13 },
      { type: 'tick', at: 10_009 },
      { type: 'tick', at: 10_010 },
    ]);
    expect(state.phase).toBe('lagging');
    expect(pushView(state).message).toBe(
      'Acknowledged by tm1 after 0 failovers; synced 1/3; lagging: tm2 (runs revision 1), tm3 (not connected).',
    );
  });

  it('judges content, not only the revision number', () => {
    const { state } = run(startPush(plan({ order: ['tm1'] }), 0, ['tm1']).state, [
      { type: 'ack', brokerId: 'tm1', at: 10, ack: ack('tm1', 'applied') },
      { type: 'state', brokerId: 'tm1', at: 11, state: tmState('tm1', 2, OTHER_DIGEST) },
    ]);
    expect(pushView(state).sync?.lagging[0]?.reason).toBe('runs revision 2 with other content (eeeeeeee)');
  });

  it('for a removal, waits until no TM reports the key any more', () => {
    const removal = plan({
      kind: 'policy.undeploy',
      target: { key: 'application:Gold', present: false, revision: 3, digest: null },
      revision: 3,
      order: ['tm1', 'tm2'],
    });
    const { state } = run(startPush(removal, 0, ['tm1', 'tm2']).state, [
      { type: 'ack', brokerId: 'tm1', at: 10, ack: ack('tm1', 'applied', { revision: 3 }) },
      { type: 'state', brokerId: 'tm1', at: 11, state: tmState('tm1', null) },
      { type: 'state', brokerId: 'tm2', at: 12, state: tmState('tm2', 2) },
    ]);
    expect(pushView(state).sync?.lagging).toEqual([{ brokerId: 'tm2', tmId: 'tm2', reason: 'still runs revision 2' }]);
    expect(run(state, [{ type: 'state', brokerId: 'tm2', at: 20, state: tmState('tm2', null) }]).state.phase).toBe(
      'synced',
    );
  });

  it('forgets what a broker showed while it is disconnected, and counts it again when it reports', () => {
    const two = plan({ order: ['tm1', 'tm2'] });
    const { state } = run(startPush(two, 0, ['tm1', 'tm2']).state, [
      { type: 'state', brokerId: 'tm2', at: 1, state: tmState('tm2', 2) },
      { type: 'link-down', brokerId: 'tm2', at: 2 },
      { type: 'ack', brokerId: 'tm1', at: 3, ack: ack('tm1', 'applied') },
      { type: 'state', brokerId: 'tm1', at: 4, state: tmState('tm1', 2) },
      { type: 'state', brokerId: 'tm2', at: 5, state: tmState('tm2', 2) },
    ]);
    expect(state.phase).toBe('syncing');
    const back = run(state, [
      { type: 'link-up', brokerId: 'tm2', at: 6 },
      { type: 'state', brokerId: 'tm2', at: 7, state: tmState('tm2', 2) },
    ]).state;
    expect(back.phase).toBe('synced');
  });

  it('cancel fails an unanswered push and ends a sync watch as lagging', () => {
    const cancelled = run(startPush(plan(), 0, ALL).state, [{ type: 'cancel', at: 5, reason: 'the console stopped' }]);
    expect(cancelled.state.phase).toBe('failed');
    expect(pushView(cancelled.state).message).toBe('the console stopped: the push was not acknowledged.');
    const syncing = run(startPush(plan(), 0, ALL).state, [
      { type: 'ack', brokerId: 'tm1', at: 5, ack: ack('tm1', 'applied') },
      { type: 'cancel', at: 6, reason: 'the console stopped' },
    ]);
    expect(syncing.state.phase).toBe('lagging');
  });

  it('ignores acknowledgements of other pushes, events of unknown brokers, and anything after the end', () => {
    const start = startPush(plan(), 0, ALL).state;
    const { state } = run(start, [
      { type: 'ack', brokerId: 'tm1', at: 1, ack: ack('tm1', 'rejected', { pushId: 'other' }) },
      { type: 'link-down', brokerId: 'tm9', at: 2 },
      { type: 'ack', brokerId: 'tm9', at: 3, ack: ack('tm9', 'applied') },
    ]);
    expect(state).toEqual({ ...start, updatedAt: 1 });
    const ended = run(state, [{ type: 'ack', brokerId: 'tm1', at: 4, ack: ack('tm1', 'rejected') }]).state;
    const after = run(ended, [
      { type: 'ack', brokerId: 'tm2', at: 5, ack: ack('tm2', 'applied') },
      { type: 'tick', at: 99_999 },
    ]);
    expect(after.state).toBe(ended);
    expect(after.published).toEqual([]);
  });
});
