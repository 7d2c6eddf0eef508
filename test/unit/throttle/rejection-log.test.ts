import { describe, expect, it } from 'vitest';
import { OTHER_BROKERS, RejectionLog } from '../../../electron/core/throttle/rejection-log';
import { reject } from '../../../electron/core/throttle/rejection';

describe('RejectionLog', () => {
  it('counts per broker and reason code, and keeps samples with an excerpt', () => {
    const log = new RejectionLog({ maxSamples: 5, maxSampleBytes: 10_000, excerptChars: 6 });
    log.record('tm1', reject('not-json', 'not JSON: x'), Buffer.from('garbage!'), 10);
    log.record('tm1', reject('not-json', 'not JSON: y'), Buffer.from('{'), 11);
    log.record('tm2', reject('too-large', 'payload is big'), Buffer.alloc(70_000), 12);
    expect(log.total).toBe(3);
    expect(log.counts()).toEqual([
      { broker: 'tm1', code: 'not-json', count: 2 },
      { broker: 'tm2', code: 'too-large', count: 1 },
    ]);
    expect(log.samples()[0]).toEqual({
      at: 10,
      broker: 'tm1',
      code: 'not-json',
      reason: 'not JSON: x',
      bytes: 8,
      excerpt: 'garbag',
    });
    expect(log.samples()[2]).toMatchObject({ bytes: 70_000, excerpt: '\0'.repeat(6) });
  });

  it('keeps only the last few samples', () => {
    const log = new RejectionLog({ maxSamples: 2, maxSampleBytes: 10_000, excerptChars: 10 });
    for (let i = 0; i < 5; i += 1) log.record('tm1', reject('empty', `#${i}`), undefined, i);
    expect(log.samples().map((s) => s.reason)).toEqual(['#3', '#4']);
    expect(log.droppedSamples).toBe(3);
    expect(log.counts()).toEqual([{ broker: 'tm1', code: 'empty', count: 5 }]);
  });

  it('puts broker ids past the cap in one shared bucket', () => {
    const log = new RejectionLog({ maxSamples: 1, maxSampleBytes: 1_000, excerptChars: 1 });
    for (let i = 0; i < 40; i += 1) log.record(`b${i}`, reject('empty', 'x'), undefined, 0);
    log.record('__proto__', reject('empty', 'x'), undefined, 0);
    const rows = log.counts();
    expect(rows).toHaveLength(33);
    expect(rows.find((r) => r.broker === OTHER_BROKERS)?.count).toBe(9);
  });

  it('keeps any broker id as plain data, "__proto__" included', () => {
    const log = new RejectionLog({ maxSamples: 1, maxSampleBytes: 1_000, excerptChars: 1 });
    log.record('__proto__', reject('empty', 'x'), undefined, 0);
    expect(log.counts()).toEqual([{ broker: '__proto__', code: 'empty', count: 1 }]);
    expect(({} as Record<string, unknown>).empty).toBeUndefined();
  });
});
