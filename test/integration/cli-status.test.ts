import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/cli';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { runTmc } from '../support/cli-run';

describe('tmc status against embedded brokers', () => {
  let brokers: EmbeddedBroker[] = [];

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
  });

  afterAll(async () => {
    await Promise.all(brokers.map((b) => b.close()));
  });

  const brokerArgs = (): string[] => brokers.flatMap((b) => ['--broker', b.url]);

  it('prints every broker and the active one', async () => {
    const result = await runTmc(['status', ...brokerArgs()]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.out[0]).toBe('Profile "command line" (priority failover)');
    expect(result.out[1]).toMatch(/^\* tm1 +mqtt:\/\/127\.0\.0\.1:\d+ +connected +rtt \d+ ms$/);
    expect(result.out[2]).toMatch(/^ {2}tm2 .* connected /);
    expect(result.out[3]).toBe('Active: tm1');
  });

  it('prints one JSON object with --json', async () => {
    const result = await runTmc(['status', ...brokerArgs(), '--json']);
    const status = JSON.parse(result.out[0] ?? '{}') as { type: string; active: string; links: { state: string }[] };
    expect(status).toMatchObject({ type: 'status', active: 'tm1' });
    expect(status.links.map((l) => l.state)).toEqual(['connected', 'connected']);
  });

  it('exits 3 when no broker is reachable, saying why', async () => {
    const result = await runTmc(['status', '--broker', 'mqtt://127.0.0.1:1']);
    expect(result.code).toBe(EXIT.unreachable);
    expect(result.out).toContain('Active: none — no traffic manager is reachable');
    expect(result.out.join('\n')).toMatch(/down +connection refused: nothing is listening at that address/);
  });

  it('exits 2 on usage errors with the reason', async () => {
    expect(await runTmc(['status'])).toMatchObject({
      code: EXIT.usage,
      err: ['tmc status: give at least one --broker URL, or --profile FILE'],
    });
    expect((await runTmc(['status', '--broker', 'tcp://h:5672'])).err[0]).toBe(
      'tmc status: --broker tcp://h:5672: scheme "tcp:" is not supported (use mqtt://, mqtts://, ws:// or wss://)',
    );
    expect((await runTmc(['status', '--frob'])).code).toBe(EXIT.usage);
    expect((await runTmc(['status', '--profile', '/nonexistent.json'])).err[0]).toBe(
      'tmc status: Cannot read profile /nonexistent.json: no such file',
    );
  });

  it('--watch --json prints link changes and switches as they happen', async () => {
    let killed = false;
    const result = await runTmc(['status', ...brokerArgs(), '--watch', '--json'], (line, interrupt) => {
      const event = JSON.parse(line) as { type: string; to?: string };
      if (event.type === 'status' && !killed) {
        killed = true;
        void brokers[0]?.kill();
      }
      if (event.type === 'switch' && event.to === 'tm2') interrupt();
    });
    await brokers[0]?.restart();
    expect(result.code).toBe(EXIT.ok);
    const types = result.out.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('status');
    expect(types).toContain('link');
    const lastSwitch = JSON.parse(result.out.at(-1) ?? '{}') as Record<string, unknown>;
    expect(lastSwitch).toMatchObject({ type: 'switch', from: 'tm1', to: 'tm2', reason: 'died' });
  });
});
