// `bench:ingest`, subscriber-alone part. A live publisher and broker saturate this machine's two
// cores near 90,000 messages/s whatever the subscriber does, so the subscriber is measured by
// draining queues: three Mosquitto brokers hold persistent sessions (QoS 1, clean session off)
// while every decision is published to each of them; then each subscriber connects and reads
// its sessions empty, with only the brokers sending. The raw client drains twice, before and
// after the core, so a drift in the machine's load or the brokers' state hits both alike.
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { runBenchChild } from './ingest-child-process';
import { createSession, publishDecisions } from './ingest-drain-publish';
import type { DrainArgs, DrainResult } from './ingest-drain-subscriber';
import { keyNames } from './ingest-workload';

const BROKERS = 3;

// Mosquitto queues at most 1,000 messages per offline client by default; these sessions must
// hold them all. In flight per client: enough for the broker to stream the queue without
// waiting on each acknowledgement.
const BROKER_OPTIONS = ['max_queued_messages 0', 'max_queued_bytes 0', 'max_inflight_messages 1000'];

const DRAINS = [
  { session: 'raw-a', mode: 'raw' },
  { session: 'core', mode: 'core' },
  { session: 'raw-b', mode: 'raw' },
] as const;

export interface DrainFigures {
  decisions: number;
  keys: number;
  brokers: number;
  publishSeconds: number;
  /** The raw drains before and after the core's. */
  raw: [DrainResult, DrainResult];
  core: DrainResult;
}

export async function runDrain(options: {
  mosquitto: string;
  decisions: number;
  keys: number;
  baseTime: number;
  log: (line: string) => void;
}): Promise<DrainFigures> {
  const { decisions, keys, baseTime, log } = options;
  const brokers: MosquittoBroker[] = [];
  try {
    for (let i = 0; i < BROKERS; i += 1) {
      brokers.push(await startMosquitto(options.mosquitto, { globalOptions: BROKER_OPTIONS }));
    }
    const urls = brokers.map((b) => b.url);
    const clientIds = (session: string): string[] => urls.map((_, i) => `bench-${session}-tm${i + 1}`);
    for (const { session } of DRAINS) {
      for (const [i, url] of urls.entries()) await createSession(url, clientIds(session)[i] ?? '');
    }

    const publishFrom = performance.now();
    await publishDecisions(urls, { count: decisions, names: keyNames(keys), baseTime }, (sent) =>
      log(`published ${sent.toLocaleString('en')} of ${decisions.toLocaleString('en')} to each broker`),
    );
    const publishSeconds = (performance.now() - publishFrom) / 1000;

    const results: DrainResult[] = [];
    for (const { session, mode } of DRAINS) {
      const args: DrainArgs = { mode, urls, clientIds: clientIds(session), decisions, keys, baseTime };
      const result = await runBenchChild<DrainResult>('./ingest-drain-subscriber.ts', [JSON.stringify(args)]);
      log(
        `${session} drained: ${Math.round(result.rate).toLocaleString('en')} msg/s in ${result.seconds.toFixed(1)} s`,
      );
      results.push(result);
    }
    const [rawA, core, rawB] = results as [DrainResult, DrainResult, DrainResult];
    return { decisions, keys, brokers: BROKERS, publishSeconds, raw: [rawA, rawB], core };
  } finally {
    await Promise.all(brokers.map((b) => b.stop()));
  }
}
