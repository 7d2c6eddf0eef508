import { describe, expect, it } from 'vitest';
import { harness, recordsOfType } from './harness';
import { decision, envelope, T0 } from './payloads';

const ipBlock = (state: string, spacing = '') =>
  envelope({
    blockingCondition: 'IP',
    conditionValue: `{"fixedIp":${spacing}"10.1.2.3","invert":false}`,
    state,
    id: '17',
    tenantDomain: 'carbon.super',
  });

describe('pipeline: blocking conditions', () => {
  it('holds a block while any broker holds it, and announces it on and off once', () => {
    const h = harness();
    expect(h.pipeline.ingest('tm1', ipBlock('true'), T0)).toBe('block added');
    expect(h.pipeline.ingest('tm2', ipBlock('true', ' '), T0 + 1)).toBe('block confirmed');
    expect(h.pipeline.snapshot().blocks).toEqual([
      {
        id: 'IP|carbon.super|10.1.2.3|false',
        conditionType: 'IP',
        conditionValue: '{"fixedIp":"10.1.2.3","invert":false}',
        value: { kind: 'ip', fixedIp: '10.1.2.3', invert: false, text: 'IP 10.1.2.3' },
        conditionId: '17',
        tenantDomain: 'carbon.super',
        reportedBy: ['tm1', 'tm2'],
        since: T0,
      },
    ]);
    expect(h.pipeline.ingest('tm1', ipBlock('false'), T0 + 2)).toBe('block confirmed');
    expect(h.pipeline.snapshot().blocks[0]?.reportedBy).toEqual(['tm2']);
    expect(h.pipeline.ingest('tm2', ipBlock('false'), T0 + 3)).toBe('block removed');
    expect(h.pipeline.snapshot().blocks).toEqual([]);
    expect(recordsOfType(h.records, 'block').map((r) => [r.active, r.reportedBy, r.receivedAt])).toEqual([
      [true, ['tm1'], T0],
      [false, [], T0 + 3],
    ]);
  });

  it('shows a lagging broker’s late "add" as held by that broker alone until its own removal arrives', () => {
    const h = harness();
    h.pipeline.ingest('tm1', ipBlock('true'), T0);
    h.pipeline.ingest('tm1', ipBlock('false'), T0 + 1);
    h.pipeline.ingest('tm3', ipBlock('true'), T0 + 2);
    expect(h.pipeline.snapshot().blocks.map((b) => b.reportedBy)).toEqual([['tm3']]);
    h.pipeline.ingest('tm3', ipBlock('false'), T0 + 3);
    expect(h.pipeline.snapshot().blocks).toEqual([]);
  });

  it('keeps its table within its cap and counts what it refused', () => {
    const h = harness({ blocks: { maxEntries: 2 } });
    for (const context of ['/a', '/b', '/c']) {
      h.pipeline.ingest('tm1', envelope({ blockingCondition: 'API', conditionValue: context, state: 'true' }), T0);
    }
    expect(h.pipeline.snapshot().blocks.map((b) => b.conditionValue)).toEqual(['/a', '/b']);
    expect(h.pipeline.counters()).toMatchObject({ blocks: 2, dropped: { blocks: 1 } });
  });
});

describe('pipeline: key templates', () => {
  it('shapes the parts of custom keys seen after the template', () => {
    const h = harness();
    const template = envelope({ keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'add' });
    expect(h.pipeline.ingest('tm1', template, T0)).toBe('keyTemplate added');
    h.pipeline.ingest('tm1', decision('admin@carbon.super:/pizzashack/1.0.0:1.0.0', true), T0);
    expect(h.pipeline.snapshot().rows[0]).toMatchObject({
      level: 'custom',
      parts: {
        user: 'admin@carbon.super',
        tenant: 'carbon.super',
        apiContext: '/pizzashack/1.0.0',
        apiVersion: '1.0.0',
      },
    });
    expect(h.pipeline.snapshot().keyTemplates).toEqual([
      { template: '$userId:$apiContext:$apiVersion', reportedBy: ['tm1'], since: T0 },
    ]);
    expect(recordsOfType(h.records, 'keyTemplate')).toEqual([
      {
        type: 'keyTemplate',
        template: '$userId:$apiContext:$apiVersion',
        active: true,
        reportedBy: ['tm1'],
        receivedAt: T0,
      },
    ]);
    h.pipeline.ingest(
      'tm1',
      envelope({ keyTemplateValue: '$userId:$apiContext:$apiVersion', keyTemplateState: 'remove' }),
      T0,
    );
    h.pipeline.ingest('tm1', decision('bob@carbon.super:/other/2.0:2.0', true), T0);
    expect(h.pipeline.snapshot().rows.find((r) => r.key.startsWith('bob'))?.parts).toEqual({});
  });
});

describe('pipeline: bad input', () => {
  it('counts rejections per broker and reason, keeps samples, and announces each', () => {
    const h = harness();
    expect(h.pipeline.ingest('tm1', Buffer.from('{"event":'), T0)).toBe('rejected');
    h.pipeline.ingest('tm1', Buffer.from('{"__proto__":{"x":1}}'), T0 + 1);
    h.pipeline.ingest('tm2', Buffer.alloc(70_000, 0x20), T0 + 2);
    h.pipeline.ingest('tm2', envelope({ throttleKey: 'k', isThrottled: 'maybe', expiryTimeStamp: 1 }), T0 + 3);
    const snapshot = h.pipeline.snapshot();
    expect(snapshot.rejections.counts).toEqual([
      { broker: 'tm1', code: 'not-json', count: 1 },
      { broker: 'tm1', code: 'forbidden-key', count: 1 },
      { broker: 'tm2', code: 'too-large', count: 1 },
      { broker: 'tm2', code: 'bad-value', count: 1 },
    ]);
    expect(snapshot.rejections.samples.map((s) => [s.broker, s.code, s.bytes])).toEqual([
      ['tm1', 'not-json', 9],
      ['tm1', 'forbidden-key', 21],
      ['tm2', 'too-large', 70_000],
      ['tm2', 'bad-value', 87],
    ]);
    expect(recordsOfType(h.records, 'rejected')[3]).toEqual({
      type: 'rejected',
      broker: 'tm2',
      code: 'bad-value',
      reason: '$.event.payloadData.isThrottled: expected true or false, got "maybe"',
      receivedAt: T0 + 3,
    });
    expect(snapshot.counters).toMatchObject({ messages: 4, rejected: 4, live: 0 });
  });

  it('refuses a 33rd broker id rather than growing without bound', () => {
    const h = harness();
    for (let i = 0; i < 32; i += 1) h.pipeline.ingest(`tm${i}`, decision('12:a@carbon.super', true), T0);
    expect(h.pipeline.ingest('tm32', decision('12:a@carbon.super', true), T0)).toBe('rejected');
    expect(h.pipeline.snapshot().rejections.counts).toEqual([{ broker: 'tm32', code: 'too-many-brokers', count: 1 }]);
  });

  it('keeps a decision whose conditions cannot be read, says why, and counts it', () => {
    const h = harness();
    h.pipeline.ingest('tm1', decision('/pizzashack/1.0.0:1.0.0_condition_1', true, undefined, 'not-base64!'), T0);
    expect(h.pipeline.snapshot().rows[0]?.conditions).toEqual([
      { kind: 'unreadable', invert: false, text: 'evaluatedConditions is not Base64' },
    ]);
    expect(h.pipeline.counters().unreadableConditions).toBe(1);
  });
});

describe('pipeline: listeners', () => {
  it('stops calling a listener once unsubscribed', () => {
    const h = harness();
    const seen: string[] = [];
    const off = h.pipeline.onChange((r) => seen.push(r.type));
    h.pipeline.ingest('tm1', Buffer.from('x'), T0);
    off();
    h.pipeline.ingest('tm1', Buffer.from('x'), T0);
    expect(seen).toEqual(['rejected']);
  });
});

describe('pipeline: snapshot and deltas line up', () => {
  it('names the last delta sent, so a UI applies deltas from the next one on top of the snapshot', () => {
    const h = harness();
    expect(h.pipeline.snapshot().deltaSeq).toBe(0);
    h.pipeline.ingest('tm1', decision('12:admin@carbon.super', true), T0);
    h.advance(200);
    const sent = h.deltas.at(-1)?.seq ?? -1;
    expect(sent).toBeGreaterThan(0);
    h.pipeline.ingest('tm1', decision('13:ops@carbon.super', true), T0 + 200);
    const snapshot = h.pipeline.snapshot();
    expect(snapshot.deltaSeq).toBe(sent);
    expect(snapshot.rows.map((r) => r.key).sort()).toEqual(['12:admin@carbon.super', '13:ops@carbon.super']);
    h.advance(200);
    expect(h.deltas.at(-1)).toMatchObject({ seq: sent + 1, upserts: [{ key: '13:ops@carbon.super' }] });
  });

  it('answers rejections and history without building the live rows', () => {
    const h = harness();
    h.pipeline.ingest('tm2', Buffer.from('{oops'), T0);
    h.pipeline.ingest('tm1', decision('12:admin@carbon.super', true), T0);
    expect(h.pipeline.rejections().counts).toEqual([{ broker: 'tm2', code: 'not-json', count: 1 }]);
    expect(h.pipeline.history().map((e) => e.key)).toEqual(['12:admin@carbon.super']);
  });
});
