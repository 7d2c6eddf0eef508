import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialFailoverState,
  stepFailover,
  type FailoverEvent,
  type FailoverSettings,
  type FailoverState,
  type SwitchEvent,
} from '../../../electron/core/cluster/failover-policy';

const PRIORITY: FailoverSettings = { mode: 'priority', retries: 3, cyclecount: 2, failbackHoldMs: 1_000 };
const STICKY: FailoverSettings = { ...PRIORITY, mode: 'sticky' };

/** Replays events from a fresh state; returns the final state, every switch and every notice. */
function run(settings: FailoverSettings, events: FailoverEvent[], order = ['a', 'b', 'c']) {
  let state: FailoverState = initialFailoverState(order, settings);
  const switches: SwitchEvent[] = [];
  const notices: string[] = [];
  for (const event of events) {
    const t = stepFailover(state, event);
    state = t.state;
    switches.push(...t.switches);
    notices.push(...t.notices.map((n) => (n.type === 'refused' ? `refused: ${n.message}` : n.type)));
  }
  return { state, switches, notices };
}

const up = (brokerId: string, at: number): FailoverEvent => ({ type: 'link-up', brokerId, at });
const died = (brokerId: string, at: number, detectedAfterMs = 5): FailoverEvent => ({
  type: 'link-down',
  brokerId,
  at,
  cause: 'died',
  detectedAfterMs,
});
const cut = (brokerId: string, at: number, detectedAfterMs = 750): FailoverEvent => ({
  type: 'link-down',
  brokerId,
  at,
  cause: 'partition',
  detectedAfterMs,
});
const failed = (brokerId: string, at: number): FailoverEvent => ({ type: 'attempt-failed', brokerId, at });
const tick = (at: number): FailoverEvent => ({ type: 'tick', at });
const summary = (switches: SwitchEvent[]) => switches.map((s) => `${s.from ?? '-'}>${s.to ?? '-'}:${s.reason}`);

describe('failover policy: first connect', () => {
  it.each([PRIORITY, STICKY])('takes the first broker that comes up ($mode)', (settings) => {
    const { state, switches } = run(settings, [up('b', 10), up('a', 20)]);
    expect(summary(switches)).toEqual(['->b:first-connect']);
    expect(switches[0]).toMatchObject({ at: 10, detectedAfterMs: 0 });
    expect(state.active).toBe('b');
  });
});

describe('failover policy: priority mode', () => {
  it('moves to the next healthy broker in list order when the active one dies', () => {
    const { state, switches } = run(PRIORITY, [up('a', 0), up('b', 0), up('c', 0), died('a', 100, 3)]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died']);
    expect(switches[1]).toMatchObject({ at: 100, detectedAfterMs: 3 });
    expect(state.active).toBe('b');
  });

  it('records a partition (probe misses) as its own reason', () => {
    const { switches } = run(PRIORITY, [up('a', 0), up('b', 0), cut('a', 900, 750)]);
    expect(switches[1]).toEqual({ at: 900, from: 'a', to: 'b', reason: 'partition', detectedAfterMs: 750 });
  });

  it('fails back only after the preferred broker has been healthy for the hold time', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      died('a', 100),
      up('a', 200),
      tick(1_100),
      tick(1_200),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died', 'b>a:failback']);
    expect(switches[2]?.at).toBe(1_200);
    expect(state.active).toBe('a');
  });

  it('restarts the hold when the preferred broker flaps', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      died('a', 100),
      up('a', 200),
      died('a', 700),
      up('a', 800),
      tick(1_300),
      tick(1_799),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died']);
    expect(state.active).toBe('b');
    expect(
      summary(
        run(PRIORITY, [up('a', 0), up('b', 0), died('a', 100), up('a', 200), died('a', 700), up('a', 800), tick(1_800)])
          .switches,
      ),
    ).toContain('b>a:failback');
  });

  it('skips a broker that failed its retry budget until it proves stable', () => {
    const events: FailoverEvent[] = [up('c', 0), up('b', 0), up('a', 0)];
    // a and b both flap three times; c is the only one within budget.
    for (let i = 0; i < 3; i += 1) events.push(failed('a', 10 + i), failed('b', 10 + i));
    events.push(died('c', 50));
    const { state, switches } = run({ ...PRIORITY, failbackHoldMs: 60_000 }, events);
    expect(summary(switches)).toEqual(['->c:first-connect', 'c>a:died']);
    expect(state.active).toBe('a');
  });

  it('prefers a proven broker to one over its retry budget', () => {
    const events: FailoverEvent[] = [up('a', 0), up('c', 0), up('b', 0)];
    for (let i = 0; i < 3; i += 1) events.push(failed('b', 10 + i));
    events.push(died('a', 50));
    const { state } = run({ ...PRIORITY, failbackHoldMs: 60_000 }, events);
    expect(state.active).toBe('c');
  });

  it('forgives failures once a broker has been up for the hold time', () => {
    const events: FailoverEvent[] = [up('a', 0), up('b', 0)];
    for (let i = 0; i < 5; i += 1) events.push(failed('b', 10 + i));
    events.push(tick(1_000));
    const { state } = run(PRIORITY, events);
    expect(state.brokers.b?.failures).toBe(0);
  });

  it('goes to no active broker when all are down, and takes the first back', () => {
    const { state, switches } = run(PRIORITY, [up('a', 0), died('a', 10), up('c', 20)]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>-:died', '->c:first-connect']);
    expect(state.active).toBe('c');
  });
});

describe('failover policy: sticky mode', () => {
  it('stays on a broker when an earlier one comes back', () => {
    const { state, switches } = run(STICKY, [up('a', 0), up('b', 0), died('a', 100), up('a', 200), tick(60_000)]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died']);
    expect(state.active).toBe('b');
  });

  it('moves to the next healthy broker after the failed one, wrapping around', () => {
    const { switches } = run(STICKY, [
      up('a', 0),
      up('b', 0),
      up('c', 0),
      died('a', 1),
      died('b', 2),
      up('a', 3),
      died('c', 4),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died', 'b>c:died', 'c>a:died']);
  });
});

describe('failover policy: operator commands', () => {
  it('pins a healthy broker at once and holds it over failback', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      { type: 'pin', brokerId: 'b', at: 10 },
      tick(60_000),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:pinned']);
    expect(state).toMatchObject({ active: 'b', pinned: 'b' });
  });

  it('pin during an outage: fails over meanwhile, returns to the pinned broker when it is back', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      up('c', 0),
      died('c', 5),
      { type: 'pin', brokerId: 'c', at: 10 },
      died('a', 20),
      up('c', 30),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:died', 'b>c:pinned']);
    expect(state).toMatchObject({ active: 'c', pinned: 'c' });
  });

  it('unpin lets priority fail back to the preferred broker', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      { type: 'pin', brokerId: 'b', at: 10 },
      { type: 'unpin', at: 5_000 },
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:pinned', 'b>a:failback']);
    expect(state.pinned).toBeNull();
  });

  it('switches by hand to a connected broker and suspends failback until the next fault', () => {
    const { state, switches } = run(PRIORITY, [
      up('a', 0),
      up('b', 0),
      { type: 'switch-to', brokerId: 'b', at: 10 },
      tick(60_000),
    ]);
    expect(summary(switches)).toEqual(['->a:first-connect', 'a>b:manual']);
    expect(state).toMatchObject({ active: 'b', manual: true });
  });

  it('refuses a manual switch to a broker that is down, pinned elsewhere, or unknown', () => {
    const { state, notices } = run(PRIORITY, [
      up('a', 0),
      { type: 'switch-to', brokerId: 'b', at: 1 },
      up('b', 2),
      { type: 'pin', brokerId: 'a', at: 3 },
      { type: 'switch-to', brokerId: 'b', at: 4 },
      { type: 'switch-to', brokerId: 'zz', at: 5 },
    ]);
    expect(notices).toEqual([
      'refused: b is not connected: the console can only switch to a connected traffic manager.',
      'refused: a is pinned: unpin it before switching by hand.',
      'refused: There is no traffic manager "zz" in this profile.',
    ]);
    expect(state.active).toBe('a');
  });
});

describe('failover policy: all unreachable', () => {
  it('reports after cyclecount full passes with nothing reachable, and recovers', () => {
    const events: FailoverEvent[] = [];
    for (let pass = 0; pass < 2; pass += 1) for (const id of ['a', 'b', 'c']) events.push(failed(id, pass * 10));
    const before = run(PRIORITY, events.slice(0, -1));
    expect(before.notices).toEqual([]);
    const after = run(PRIORITY, [...events, failed('a', 30), up('b', 40)]);
    expect(after.notices).toEqual(['all-unreachable', 'reachable-again']);
    expect(after.state).toMatchObject({ unreachable: false, active: 'b' });
  });

  it('does not count attempts while some broker is up', () => {
    const events: FailoverEvent[] = [up('a', 0)];
    for (let i = 0; i < 10; i += 1) events.push(failed('b', i), failed('c', i));
    expect(run(PRIORITY, events).notices).toEqual([]);
  });
});

describe('failover policy: invariants over any event order', () => {
  const ids = ['a', 'b', 'c'];
  const event = fc.oneof(
    fc.record({ type: fc.constant('link-up' as const), brokerId: fc.constantFrom(...ids) }),
    fc.record({
      type: fc.constant('link-down' as const),
      brokerId: fc.constantFrom(...ids),
      cause: fc.constantFrom('died' as const, 'partition' as const),
      detectedAfterMs: fc.nat(5_000),
    }),
    fc.record({ type: fc.constant('attempt-failed' as const), brokerId: fc.constantFrom(...ids) }),
    fc.record({ type: fc.constant('tick' as const) }),
    fc.record({ type: fc.constant('pin' as const), brokerId: fc.constantFrom(...ids) }),
    fc.record({ type: fc.constant('unpin' as const) }),
    fc.record({ type: fc.constant('switch-to' as const), brokerId: fc.constantFrom(...ids) }),
  );

  it('keeps the active broker connected, chains switches, and honours a connected pin', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(PRIORITY, STICKY),
        fc.array(fc.tuple(event, fc.nat(2_000)), { maxLength: 60 }),
        (settings, steps) => {
          let state = initialFailoverState(ids, settings);
          let at = 0;
          for (const [e, gap] of steps) {
            at += gap;
            const previous = state.active;
            const t = stepFailover(state, { ...e, at } as FailoverEvent);
            const chain = [previous, ...t.switches.map((s) => s.to)];
            t.switches.forEach((s, i) => expect(s.from).toBe(chain[i]));
            state = t.state;
            expect(chain.at(-1)).toBe(state.active);
            if (state.active !== null) expect(state.brokers[state.active]?.up).toBe(true);
            if (state.active === null) expect(ids.some((id) => state.brokers[id]?.up)).toBe(false);
            if (state.pinned !== null && state.brokers[state.pinned]?.up) expect(state.active).toBe(state.pinned);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
