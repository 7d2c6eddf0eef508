import { describe, expect, it } from 'vitest';
import type { EventBatch, LinkSnapshot } from '../../../electron/core/host/contract';
import { createEventHub } from '../../../electron/core/host/event-hub';
import { linkSnapshot } from '../../support/fixtures';

function link(brokerId: string, state: LinkSnapshot['state'], lastError: string | null = null): LinkSnapshot {
  return linkSnapshot({ brokerId, label: brokerId, state, lastError });
}

/** Broker ids of the link events in a batch. */
function ids(batch: EventBatch | undefined): string[] {
  return (batch?.events ?? []).flatMap((e) => (e.name === 'cluster.link' ? [e.payload.brokerId] : []));
}

/** A manual scheduler: the test decides when the flush timer fires. */
function manualSchedule(): {
  schedule: (fn: () => void, ms: number) => () => void;
  fire: () => void;
  armed: () => number;
} {
  const timers = new Set<() => void>();
  return {
    schedule(fn) {
      timers.add(fn);
      return () => timers.delete(fn);
    },
    fire() {
      const due = [...timers];
      timers.clear();
      due.forEach((fn) => fn());
    },
    armed: () => timers.size,
  };
}

describe('event hub', () => {
  it('delivers events in one batch per flush, not one message per event', () => {
    const timer = manualSchedule();
    const hub = createEventHub({ schedule: timer.schedule });
    const batches: EventBatch[] = [];
    hub.subscribe((batch) => batches.push(batch));
    hub.publish({ name: 'cluster.link', payload: link('a', 'connecting') });
    hub.publish({ name: 'cluster.link', payload: link('b', 'connecting') });
    expect(batches).toHaveLength(0);
    expect(timer.armed()).toBe(1);
    timer.fire();
    expect(batches).toHaveLength(1);
    expect(ids(batches[0])).toEqual(['a', 'b']);
    expect(batches[0]?.seq).toBe(1);
  });

  it('keeps only the latest event per coalescing key', () => {
    const timer = manualSchedule();
    const hub = createEventHub({ schedule: timer.schedule });
    const batches: EventBatch[] = [];
    hub.subscribe((batch) => batches.push(batch));
    hub.publish({ name: 'cluster.link', payload: link('a', 'connecting') }, 'a');
    hub.publish({ name: 'cluster.link', payload: link('b', 'connecting') }, 'b');
    hub.publish({ name: 'cluster.link', payload: link('a', 'connected') }, 'a');
    timer.fire();
    const states = (batches[0]?.events ?? []).flatMap((e) =>
      e.name === 'cluster.link' ? [`${e.payload.brokerId}:${e.payload.state}`] : [],
    );
    expect(states).toEqual(['b:connecting', 'a:connected']);
  });

  it('drops the oldest events past the count cap and says how many', () => {
    const timer = manualSchedule();
    const hub = createEventHub({ schedule: timer.schedule, maxPendingEvents: 3 });
    const batches: EventBatch[] = [];
    hub.subscribe((batch) => batches.push(batch));
    for (const id of ['a', 'b', 'c', 'd', 'e']) hub.publish({ name: 'cluster.link', payload: link(id, 'down') });
    timer.fire();
    expect(ids(batches[0])).toEqual(['c', 'd', 'e']);
    expect(batches[0]?.dropped).toBe(2);
    expect(hub.stats()).toEqual({ delivered: 3, dropped: 2, pending: 0 });
  });

  it('drops the oldest events past the byte cap', () => {
    const timer = manualSchedule();
    const oneEvent = JSON.stringify(link('a', 'down', 'x'.repeat(150))).length;
    // Room for two such events, not three.
    const hub = createEventHub({ schedule: timer.schedule, maxPendingBytes: oneEvent * 2 + 10 });
    const batches: EventBatch[] = [];
    hub.subscribe((batch) => batches.push(batch));
    for (const id of ['a', 'b', 'c']) hub.publish({ name: 'cluster.link', payload: link(id, 'down', 'x'.repeat(150)) });
    timer.fire();
    expect(ids(batches[0])).toEqual(['b', 'c']);
    expect(batches[0]?.dropped).toBe(1);
  });

  it('stops delivering after close', () => {
    const timer = manualSchedule();
    const hub = createEventHub({ schedule: timer.schedule });
    const batches: EventBatch[] = [];
    hub.subscribe((batch) => batches.push(batch));
    hub.publish({ name: 'cluster.link', payload: link('a', 'down') });
    hub.close();
    expect(timer.armed()).toBe(0);
    hub.flush();
    expect(batches).toHaveLength(0);
  });
});
