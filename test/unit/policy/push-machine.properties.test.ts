import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTerminal,
  nextDeadline,
  startPush,
  stepPush,
  type PushEvent,
  type PushPhase,
  type PushState,
} from '../../../electron/core/policy/push-machine';
import { ack, DIGEST, OTHER_DIGEST, plan, tmState } from './push-fixtures';

// Invariants of the push lifecycle over random interleavings of acknowledgements, link changes,
// states, publish outcomes, ticks and cancels, on three brokers plus one outside the plan.

const BROKERS = ['tm1', 'tm2', 'tm3'];
const broker = fc.constantFrom('tm1', 'tm2', 'tm3', 'tmX');

type Draft = { delay: number; make: (at: number) => PushEvent };

const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ delay: fc.nat(4_000), id: broker }).map(({ delay, id }) => ({
    delay,
    make: (at: number): PushEvent => ({ type: 'published', brokerId: id, at }),
  })),
  fc.record({ delay: fc.nat(4_000), id: broker }).map(({ delay, id }) => ({
    delay,
    make: (at: number): PushEvent => ({ type: 'publish-failed', brokerId: id, at, reason: 'boom' }),
  })),
  fc
    .record({
      delay: fc.nat(4_000),
      id: broker,
      status: fc.constantFrom('applied', 'duplicate', 'rejected'),
      own: fc.boolean(),
    })
    .map(({ delay, id, status, own }) => ({
      delay,
      make: (at: number): PushEvent => ({
        type: 'ack',
        brokerId: id,
        at,
        ack: ack(id, status as 'applied' | 'duplicate' | 'rejected', own ? {} : { pushId: 'push-0' }),
      }),
    })),
  fc.record({ delay: fc.nat(4_000), id: broker, up: fc.boolean() }).map(({ delay, id, up }) => ({
    delay,
    make: (at: number): PushEvent => ({ type: up ? 'link-up' : 'link-down', brokerId: id, at }),
  })),
  fc
    .record({
      delay: fc.nat(4_000),
      id: broker,
      revision: fc.constantFrom(null, 1, 2, 3),
      digest: fc.constantFrom(DIGEST, OTHER_DIGEST),
    })
    .map(({ delay, id, revision, digest }) => ({
      delay,
      make: (at: number): PushEvent => ({ type: 'state', brokerId: id, at, state: tmState(id, revision, digest) }),
    })),
  fc.nat(12_000).map((delay) => ({ delay, make: (at: number): PushEvent => ({ type: 'tick', at }) })),
  fc.nat(4_000).map((delay) => ({ delay, make: (at: number): PushEvent => ({ type: 'cancel', at, reason: 'stop' }) })),
);

const scenario = fc.record({
  connected: fc.subarray(BROKERS),
  drafts: fc.array(draft, { maxLength: 40 }),
});

const AFTER_ACK: readonly PushPhase[] = ['syncing', 'acknowledged', 'synced', 'lagging'];

function replay(
  connected: string[],
  drafts: Draft[],
  check: (before: PushState, after: PushState, published: string[], event: PushEvent) => void,
) {
  const first = startPush(plan(), 0, connected);
  const published = first.commands.map((c) => c.brokerId);
  let state = first.state;
  let at = 0;
  for (const { delay, make } of drafts) {
    at += delay;
    const event = make(at);
    const next = stepPush(state, event);
    published.push(...next.commands.map((c) => c.brokerId));
    for (const command of next.commands) expect(next.state.connected).toContain(command.brokerId);
    check(state, next.state, published, event);
    state = next.state;
  }
  return { state, published, at };
}

describe('push lifecycle invariants', () => {
  it('one pushId and revision throughout; each broker sent to at most once; one wait at a time', () => {
    fc.assert(
      fc.property(scenario, ({ connected, drafts }) => {
        const { published } = replay(connected, drafts, (_before, after) => {
          expect(after.plan.pushId).toBe('push-1');
          expect(after.plan.revision).toBe(2);
          const waiting = after.attempts.filter((a) => a.outcome === 'waiting').length;
          expect(waiting).toBe(after.phase === 'awaiting-ack' ? 1 : 0);
          expect(after.attempts.length).toBeLessThanOrEqual(BROKERS.length);
        });
        expect(new Set(published).size).toBe(published.length);
        for (const id of published) expect(BROKERS).toContain(id);
      }),
      { numRuns: 500 },
    );
  });

  it('phases only move forward; the end is absorbing; outcomes agree with what was heard', () => {
    fc.assert(
      fc.property(scenario, ({ connected, drafts }) => {
        let rejectionHeard = false;
        replay(connected, drafts, (before, after, _published, event) => {
          if (event.type === 'ack' && event.ack.pushId === 'push-1' && event.ack.status === 'rejected')
            rejectionHeard ||= BROKERS.includes(event.brokerId);
          if (isTerminal(before.phase)) expect(after).toBe(before);
          if (before.phase === 'syncing') expect(['syncing', 'synced', 'lagging']).toContain(after.phase);
          if (AFTER_ACK.includes(after.phase)) expect(after.ack).not.toBeNull();
          if (after.phase === 'failed' || after.phase === 'rejected') expect(after.ack).toBeNull();
          if (after.phase === 'rejected') expect(rejectionHeard).toBe(true);
          if (after.phase === 'synced') for (const id of BROKERS) expect(after.sights[id]?.holds).toBe(true);
          expect(nextDeadline(after) === null).toBe(isTerminal(after.phase));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('always ends: ticking at each deadline finishes every push within a bounded number of ticks', () => {
    fc.assert(
      fc.property(scenario, ({ connected, drafts }) => {
        let { state } = replay(connected, drafts, () => undefined);
        for (let ticks = 0; ticks <= BROKERS.length + 1; ticks += 1) {
          const deadline = nextDeadline(state);
          if (deadline === null) break;
          state = stepPush(state, { type: 'tick', at: deadline }).state;
        }
        expect(isTerminal(state.phase)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
