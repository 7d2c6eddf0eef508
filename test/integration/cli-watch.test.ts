import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/cli';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { runTmc } from '../support/cli-run';

const decision = (key: string, throttled: boolean, expiry: number): string =>
  JSON.stringify({ event: { payloadData: { throttleKey: key, isThrottled: throttled, expiryTimeStamp: expiry } } });

describe('tmc watch against embedded brokers', () => {
  let brokers: EmbeddedBroker[] = [];
  let publishers: MqttClient[] = [];

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    publishers = await Promise.all(brokers.map((b) => connectAsync(b.url)));
  });

  afterAll(async () => {
    await Promise.all(publishers.map((p) => p.endAsync()));
    await Promise.all(brokers.map((b) => b.close()));
  });

  it('prints merged decisions once, rejected input, and a disagreement, as JSON lines', async () => {
    const expiry = Date.now() + 60_000;
    const seen: Record<string, unknown>[] = [];
    let sent = false;
    const result = await runTmc(
      ['watch', ...brokers.flatMap((b) => ['--broker', b.url]), '--json'],
      (line, interrupt) => {
        const record = JSON.parse(line) as Record<string, unknown>;
        seen.push(record);
        const connected = seen.filter((r) => r.type === 'link' && r.state === 'connected').length;
        if (connected === 2 && !sent) {
          sent = true;
          // Both report one key; only tm1 reports another; tm2 sends garbage.
          for (const p of publishers)
            void p.publishAsync('throttleData', decision('12:admin@carbon.super', true, expiry));
          void publishers[0]?.publishAsync('throttleData', decision('/pizzashack/1.0.0:1.0.0_default', true, expiry));
          void publishers[1]?.publishAsync('throttleData', '{not json');
        }
        if (record.type === 'disagreement') interrupt();
      },
    );
    expect(result.code).toBe(EXIT.ok);
    const decisions = seen.filter((r) => r.type === 'decision');
    expect(decisions.find((d) => d.key === '12:admin@carbon.super')).toMatchObject({
      level: 'application',
      parts: { appId: '12', user: 'admin@carbon.super' },
      isThrottled: true,
      expiryTimeStamp: expiry,
      reportedBy: ['tm1', 'tm2'],
    });
    expect(decisions.filter((d) => d.key === '12:admin@carbon.super')).toHaveLength(1);
    expect(seen.find((r) => r.type === 'rejected')).toMatchObject({ broker: 'tm2', code: 'not-json' });
    expect(seen.find((r) => r.type === 'disagreement')).toMatchObject({
      key: '/pizzashack/1.0.0:1.0.0_default',
      broker: 'tm2',
      kind: 'missing',
    });
  });

  it('prints human lines without --json', async () => {
    const expiry = Date.now() + 60_000;
    let sent = false;
    const result = await runTmc(['watch', '--broker', brokers[0]?.url ?? ''], (line, interrupt) => {
      if (/ tm1 connected$/.test(line) && !sent) {
        sent = true;
        void publishers[0]?.publishAsync(
          'throttleData',
          decision('/menu/1.0.0/1.0.0/order:POST_condition_1', true, expiry),
        );
      }
      if (line.includes('THROTTLED')) interrupt();
    });
    expect(result.out.at(-1)).toMatch(
      /THROTTLED +\/menu\/1\.0\.0\/1\.0\.0\/order:POST_condition_1 \(resource\) until .* — tm1$/,
    );
  });

  it('exits 2 on usage errors', async () => {
    expect((await runTmc(['watch'])).code).toBe(EXIT.usage);
    expect((await runTmc(['watch', '--bogus'])).code).toBe(EXIT.usage);
  });
});
