import { describe, expect, it } from 'vitest';
import { harness } from './harness';
import { decision, envelope, T0, WINDOW_END } from './payloads';

describe('delta batcher', () => {
  it('sends one delta per interval however many decisions arrive, with the latest rows', () => {
    const h = harness();
    for (let i = 0; i < 500; i += 1)
      h.pipeline.ingest('tm1', decision(`${i % 50}:u@carbon.super`, true, WINDOW_END + i), T0);
    expect(h.deltas).toEqual([]);
    h.advance(99);
    expect(h.deltas).toEqual([]);
    h.advance(1);
    expect(h.deltas).toHaveLength(1);
    const delta = h.deltas[0];
    expect(delta?.upserts).toHaveLength(50);
    expect(delta?.upserts.find((row) => row.key === '7:u@carbon.super')?.expiryTimeStamp).toBe(WINDOW_END + 457);
    expect(delta).toMatchObject({ seq: 1, at: T0 + 100, resync: false, more: false, removals: [] });
    expect(delta?.counters).toMatchObject({ messages: 500, live: 50 });
    h.advance(1_000);
    expect(h.deltas).toHaveLength(1);
  });

  it('sends removals for unthrottled and expired keys', () => {
    const h = harness();
    h.pipeline.ingest('tm1', decision('1:a@carbon.super', true, T0 + 150), T0);
    h.pipeline.ingest('tm1', decision('2:b@carbon.super', true), T0);
    h.advance(100);
    h.pipeline.ingest('tm1', decision('2:b@carbon.super', false, WINDOW_END + 60_000), h.now());
    h.advance(100);
    expect(h.deltas[1]?.removals.sort()).toEqual(['1:a@carbon.super', '2:b@carbon.super']);
    expect(h.deltas[1]?.upserts).toEqual([]);
  });

  it('cuts a delta at its row cap and sends the rest in the next interval', () => {
    const h = harness({ deltas: { maxRows: 30 } });
    for (let i = 0; i < 70; i += 1) h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true), T0);
    h.advance(100);
    h.advance(100);
    h.advance(100);
    expect(h.deltas.map((d) => [d.upserts.length, d.more])).toEqual([
      [30, true],
      [30, true],
      [10, false],
    ]);
  });

  it('cuts a delta at its byte cap', () => {
    const h = harness({ deltas: { maxBytes: 1_000 } });
    for (let i = 0; i < 20; i += 1) h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true), T0);
    h.advance(100);
    expect(h.deltas[0]?.upserts.length).toBeLessThan(20);
    expect(h.deltas[0]?.more).toBe(true);
  });

  it('lets go of changes past its pending cap, counts them, and asks the UI to resync', () => {
    const h = harness({ deltas: { maxPending: 10 } });
    for (let i = 0; i < 25; i += 1) h.pipeline.ingest('tm1', decision(`${i}:u@carbon.super`, true), T0);
    h.advance(100);
    expect(h.deltas[0]).toMatchObject({ resync: true });
    expect(h.deltas[0]?.upserts).toHaveLength(5);
    expect(h.deltas[0]?.counters.dropped.deltas).toBe(20);
    h.pipeline.ingest('tm1', decision('99:u@carbon.super', true), h.now());
    h.advance(100);
    expect(h.deltas[1]).toMatchObject({ resync: false });
  });

  it('sends counters when only counters changed, and nothing when nothing did', () => {
    const h = harness();
    h.pipeline.ingest('tm1', Buffer.from('not json'), T0);
    h.advance(100);
    expect(h.deltas[0]).toMatchObject({ upserts: [], removals: [], counters: { rejected: 1 } });
    expect(h.pipeline.flushDeltas()).toBeUndefined();
  });

  it('carries blocking conditions and key templates', () => {
    const h = harness();
    h.pipeline.ingest(
      'tm1',
      envelope({ blockingCondition: 'API', conditionValue: '/pizzashack/1.0.0', state: 'true' }),
      T0,
    );
    h.pipeline.ingest('tm1', envelope({ keyTemplateValue: '$userId', keyTemplateState: 'add' }), T0);
    h.advance(100);
    expect(h.deltas[0]?.blocks.upserts).toMatchObject([{ conditionType: 'API', reportedBy: ['tm1'] }]);
    expect(h.deltas[0]?.keyTemplates.upserts).toEqual([{ template: '$userId', reportedBy: ['tm1'], since: T0 }]);
    h.pipeline.ingest(
      'tm1',
      envelope({ blockingCondition: 'API', conditionValue: '/pizzashack/1.0.0', state: 'false' }),
      h.now(),
    );
    h.advance(100);
    expect(h.deltas[1]?.blocks).toEqual({ upserts: [], removals: ['API||/pizzashack/1.0.0'] });
  });
});
