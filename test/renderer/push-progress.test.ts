import { describe, expect, it } from 'vitest';
import { phaseTone, phaseWords, pushSteps, pushTitle } from '../../renderer/src/lib/policy/push-progress';
import { ackedView, pushView, T0 } from '../support/policy-fixtures';

const lines = (view: Parameters<typeof pushSteps>[0]) =>
  pushSteps(view).map((step) => `${step.state}: ${step.text}${step.details.map((d) => ` | ${d}`).join('')}`);

describe('push progress in words', () => {
  it('sent, waiting for the acknowledgement of the TM it went to', () => {
    const view = pushView();
    expect(pushTitle(view)).toBe('Push of application policy "Gold", revision 4');
    expect(phaseWords(view)).toBe('sent, waiting for an acknowledgement');
    expect(phaseTone(view)).toBe('neutral');
    expect(lines(view)).toEqual([
      'done: Sent revision 4 to tm1',
      'current: Waiting for an acknowledgement from tm1',
      'pending: Every traffic manager reports it',
    ]);
  });

  it('acknowledged after a failover, with the reason the first TM gave none', () => {
    const view = ackedView('syncing', 1, {
      failovers: 1,
      attempts: [
        {
          brokerId: 'tm1',
          outcome: 'no-answer',
          sentAt: T0,
          endedAt: T0 + 3_000,
          delivered: true,
          detail: 'no answer within 3 s',
        },
        {
          brokerId: 'tm2',
          outcome: 'acknowledged',
          sentAt: T0 + 3_000,
          endedAt: T0 + 3_020,
          delivered: true,
          detail: null,
        },
      ],
      ack: { brokerId: 'tm2', tmId: 'tm2', status: 'applied', latencyMs: 3_020 },
      sync: {
        synced: 1,
        total: 2,
        lagging: [{ brokerId: 'tm1', tmId: 'tm1', reason: 'does not have it' }],
        deadline: T0 + 13_000,
        syncedAfterMs: null,
      },
    });
    expect(phaseWords(view)).toBe('acknowledged, synced 1/2 so far');
    expect(lines(view)).toEqual([
      'done: Sent revision 4 to tm1, then to tm2 | tm1: no answer within 3 s',
      'done: Acknowledged by tm2 after 1 failover (3020 ms)',
      'current: synced 1/2, waiting for the others to report it | tm1: does not have it',
    ]);
  });

  it('synced n/N with the time it took', () => {
    const view = ackedView('synced', 2);
    expect(phaseWords(view)).toBe('synced 2/2');
    expect(phaseTone(view)).toBe('ok');
    expect(lines(view)).toEqual([
      'done: Sent revision 4 to tm1',
      'done: Acknowledged by tm1 with no failover (41 ms)',
      'done: synced 2/2 after 310 ms',
    ]);
  });

  it('lagging: who and why', () => {
    const view = ackedView('lagging', 1);
    expect(phaseWords(view)).toBe('lagging: synced 1/2');
    expect(phaseTone(view)).toBe('warn');
    expect(lines(view).at(-1)).toBe('warn: synced 1/2; lagging: tm2 | tm2: runs revision 3');
  });

  it('a duplicate acknowledgement says the TM already had it', () => {
    const view = ackedView('synced', 2, { ack: { brokerId: 'tm1', tmId: 'tm1', status: 'duplicate', latencyMs: 7 } });
    expect(lines(view)[1]).toBe('done: Acknowledged by tm1 with no failover (7 ms); it already had this revision');
  });

  it('rejected: the reason and each error by path, nothing about sync', () => {
    const view = pushView({
      phase: 'rejected',
      attempts: [
        { brokerId: 'tm1', outcome: 'rejected', sentAt: T0, endedAt: T0 + 9, delivered: true, detail: 'rejected' },
      ],
      rejection: {
        brokerId: 'tm1',
        tmId: 'tm1',
        reason: 'the policy is not valid',
        errors: [{ path: 'body.policy.defaultLimit.requestCount.requestCount', message: 'must be greater than 0' }],
        revision: 0,
      },
    });
    expect(phaseTone(view)).toBe('bad');
    expect(lines(view)).toEqual([
      'done: Sent revision 4 to tm1',
      'failed: Rejected by tm1: the policy is not valid. Nothing was deployed. | body.policy.defaultLimit.requestCount.requestCount: must be greater than 0',
    ]);
  });

  it('failed with nothing sent: the core says why', () => {
    const view = pushView({
      phase: 'failed',
      attempts: [],
      message: 'No traffic manager is connected (tm1, tm2), so nothing was sent.',
    });
    expect(phaseWords(view)).toBe('failed');
    expect(lines(view)).toEqual(['failed: Not sent: No traffic manager is connected (tm1, tm2), so nothing was sent.']);
  });

  it('failed after trying every TM', () => {
    const view = pushView({
      phase: 'failed',
      failovers: 1,
      attempts: [
        { brokerId: 'tm1', outcome: 'no-answer', sentAt: T0, endedAt: T0 + 3_000, delivered: true, detail: null },
        {
          brokerId: 'tm2',
          outcome: 'disconnected',
          sentAt: T0 + 3_000,
          endedAt: T0 + 3_100,
          delivered: false,
          detail: 'connection lost before an answer',
        },
      ],
      message: 'No traffic manager acknowledged the push: tm1: no answer; tm2: connection lost.',
    });
    expect(lines(view)).toEqual([
      'done: Sent revision 4 to tm1, then to tm2 | tm1: no answer | tm2: connection lost before an answer',
      'failed: No traffic manager acknowledged the push: tm1: no answer; tm2: connection lost.',
    ]);
  });

  it('a counter reset ends at the acknowledgement and names its key', () => {
    const view = pushView({
      kind: 'counters.reset',
      key: '12:admin@carbon.super',
      subject: 'counters of "12:admin@carbon.super"',
      revision: 1,
      phase: 'acknowledged',
      attempts: [
        { brokerId: 'tm1', outcome: 'acknowledged', sentAt: T0, endedAt: T0 + 4, delivered: true, detail: null },
      ],
      ack: { brokerId: 'tm1', tmId: 'tm1', status: 'applied', latencyMs: 4 },
    });
    expect(pushTitle(view)).toBe('Counter reset of 12:admin@carbon.super');
    expect(phaseWords(view)).toBe('acknowledged');
    expect(lines(view)).toEqual(['done: Sent revision 1 to tm1', 'done: Acknowledged by tm1 with no failover (4 ms)']);
  });
});
