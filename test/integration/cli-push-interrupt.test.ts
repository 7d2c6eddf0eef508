import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli, type CliContext } from '../../electron/cli/cli';
import type { AuditRecord } from '../../electron/core/policy/audit-record';
import { createCliCore } from '../support/cli-run';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { mosquittoTool } from '../support/tools';

const mosquitto = mosquittoTool();

// A plain Mosquitto has no traffic manager behind it: a push there waits for an answer that
// never comes, which is when an operator reaches for Ctrl+C.
describe.skipIf(!mosquitto.available)('Ctrl+C during tmc policy push', () => {
  let broker: MosquittoBroker;
  let dir: string;

  beforeAll(async () => {
    broker = await startMosquitto(mosquitto.path ?? '');
    dir = await mkdtemp(join(tmpdir(), 'tmc-push-interrupt-'));
  });
  afterAll(async () => {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends the push in flight, audits and prints its outcome, exit 1', async () => {
    const file = join(dir, 'Gold.json');
    const limit = { type: 'REQUESTCOUNTLIMIT', requestCount: { timeUnit: 'min', unitTime: 1, requestCount: 9 } };
    await writeFile(file, JSON.stringify({ policyName: 'Gold', defaultLimit: limit }));
    const out: string[] = [];
    const err: string[] = [];
    let interrupt: () => void = () => undefined;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const ctx: CliContext = {
      input: (async function* () {
        yield* [];
      })(),
      io: { out: (line) => out.push(line), err: (line) => err.push(line) },
      createCore: (options) => {
        const core = createCliCore(options);
        // Ctrl+C as soon as the push is on the wire, waiting for its acknowledgement.
        core.policies.on((event) => {
          if (event.type === 'push' && event.view.phase === 'awaiting-ack') interrupt();
        });
        return core;
      },
      untilInterrupted: () => interrupted,
    };
    const code = await runCli(['policy', 'push', file, '--broker', broker.url, '--data-dir', dir, '--wait-sync'], ctx);
    expect({ code, err }).toEqual({ code: EXIT.failed, err: [] });
    expect(out).toEqual([expect.stringContaining('the console stopped')]);
    const audit = (await readFile(join(dir, 'audit.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
    expect(audit).toMatchObject([
      {
        type: 'push',
        source: 'cli',
        outcome: 'failed',
        attempts: [{ brokerId: 'tm1', detail: 'the console stopped' }],
      },
    ]);
  });
});
