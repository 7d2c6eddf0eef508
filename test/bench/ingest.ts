// `npm run bench:ingest`: the in-process part (decode + merge of pre-built payloads against a
// naive pipeline), the classifier on long crafted keys, and the subscriber-alone drain (raw
// mqtt.js clients against the console core on three Mosquitto brokers), the first and last each
// in processes of their own, all figures from one run. Prints them and writes them to
// test/artifacts/bench-ingest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { mosquittoTool } from '../support/tools';
import { runBenchChild } from './ingest-child-process';
import { runDrain, type DrainFigures } from './ingest-drain';
import { timeLongKeys } from './ingest-long-keys';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const KEYS = 10_000;
const ARTIFACT = 'test/artifacts/bench-ingest.json';

const CORE_FEED =
  'app core opened on a profile of the three brokers: real links and cluster session into the pipeline; ' +
  'the bench connector gives each link the persistent session';

const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const round2 = (n: number): number => Math.round(n * 100) / 100;

function summarizeDrain(d: DrainFigures) {
  const { raw, core } = d;
  // The two raw drains as one: all their copies over all their time.
  const rawCopies = raw[0].received + raw[1].received;
  const rawRate = rawCopies / (raw[0].seconds + raw[1].seconds);
  const rawCpuRate = rawCopies / (raw[0].cpuSeconds + raw[1].cpuSeconds);
  return {
    decisions: d.decisions,
    keys: d.keys,
    brokers: d.brokers,
    copies: d.decisions * d.brokers,
    publishSeconds: round2(d.publishSeconds),
    coreFeed: CORE_FEED,
    rawRate: Math.round(rawRate),
    coreRate: Math.round(core.rate),
    ratio: round2(core.rate / rawRate),
    rawCpuRate: Math.round(rawCpuRate),
    coreCpuRate: Math.round(core.cpuRate),
    cpuRatio: round2(core.cpuRate / rawCpuRate),
    rawRates: raw.map((r) => Math.round(r.rate)),
    rawSeconds: raw.map((r) => round2(r.seconds)),
    coreSeconds: round2(core.seconds),
    rawPeakRssMB: Math.max(raw[0].peakRssMB, raw[1].peakRssMB),
    corePeakRssMB: core.peakRssMB,
    staleKeys: core.staleKeys ?? -1,
    liveKeys: core.liveKeys ?? -1,
    complete: raw[0].complete && raw[1].complete && core.complete,
    linkReconnects: core.reconnects ?? 0,
    perBroker: { rawBefore: raw[0].perBroker, core: core.perBroker, rawAfter: raw[1].perBroker },
    coreCounters: core.counters,
  };
}

function printDrain(s: ReturnType<typeof summarizeDrain>): void {
  console.log(
    `subscriber alone: drain of persistent sessions (QoS 1) on ${s.brokers} Mosquitto brokers, ` +
      `${fmt(s.decisions)} decisions to each (${fmt(s.copies)} copies, ${fmt(s.keys)} keys), published in ${s.publishSeconds} s`,
  );
  console.log(
    `  raw mqtt.js clients, counting only: ${fmt(s.rawRate)} msg/s  (CPU time: ${fmt(s.rawCpuRate)} msg/s); ` +
      `drained before and after the core: ${s.rawRates.map(fmt).join(' and ')} msg/s, peak RSS ${s.rawPeakRssMB} MB`,
  );
  console.log(`  console core: ${fmt(s.coreRate)} msg/s  (CPU time: ${fmt(s.coreCpuRate)} msg/s), ${s.coreSeconds} s`);
  console.log(`    (${s.coreFeed})`);
  console.log(`  ratio core / raw: ${s.ratio}  (CPU time: ${s.cpuRatio}; target ≥ 0.7)`);
  console.log(`  peak RSS of the core after ${fmt(s.decisions)} decisions: ${s.corePeakRssMB} MB (target < 300 MB)`);
  console.log(
    `  stale keys at the end (live table against the newest published state): ${s.staleKeys} (target 0); ` +
      `${fmt(s.liveKeys)} live keys`,
  );
  const c = s.coreCounters;
  if (c) {
    console.log(
      `  core counters: ${c.decisions} versions, ${c.confirmations} confirmations, ${c.lateConfirmations} late, ` +
        `${c.stale} stale reports (older than every version kept per key), ${c.disagreeingKeys} disagreeing keys, ` +
        `${c.rejected} rejected`,
    );
  }
  if (!s.complete || s.linkReconnects > 0) {
    console.log(
      `  NOT VALID: complete ${s.complete}, link reconnects ${s.linkReconnects}; ` +
        `copies per broker ${JSON.stringify(s.perBroker)}`,
    );
  }
}

async function main(): Promise<void> {
  const inProcess = await runBenchChild<Record<string, unknown>>('./ingest-inprocess.ts');
  console.log('');
  const longKeys = timeLongKeys();
  console.log('long keys: classifying one key of the worst shapes (median of 20):');
  for (const k of longKeys) console.log(`  ${k.shape}, ${fmt(k.bytes)} bytes: ${k.ms} ms`);
  console.log('');
  const mosquitto = mosquittoTool();
  let drain: ReturnType<typeof summarizeDrain> | { skipped: string };
  if (mosquitto.path === undefined) {
    drain = { skipped: mosquitto.reason };
    console.log(`subscriber alone: skipped, ${mosquitto.reason}`);
  } else {
    console.log('subscriber alone: publishing into the persistent sessions…');
    const figures = await runDrain({
      mosquitto: mosquitto.path,
      decisions: DECISIONS,
      keys: KEYS,
      baseTime: Date.now(),
      log: (line) => console.log(`  ${line}`),
    });
    drain = summarizeDrain(figures);
    printDrain(drain);
  }
  const result = { bench: 'ingest', at: new Date().toISOString(), inProcess, longKeys, drain };
  await mkdir('test/artifacts', { recursive: true });
  await writeFile(ARTIFACT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`figures written to ${ARTIFACT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
