// `npm run bench:ingest`, in-process part: decode + merge of pre-built payloads with no network,
// against a naive pipeline (JSON.parse + a zod parse + a Map set per message) in the same run.
// Prints both rates, their ratio, the stale-key count and peak RSS, then one JSON line.
import { z } from 'zod';
import { createThrottlePipeline } from '../../electron/core/throttle/throttle-pipeline';
import { BROKERS, buildWorkload, type Workload } from './ingest-workload';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const KEYS = 10_000;
const LAG = 100_000;
const ROUNDS = 5;
const BASE_TIME = Date.now();

const NaiveSchema = z.object({
  event: z.object({
    payloadData: z.object({
      throttleKey: z.string(),
      isThrottled: z.union([z.boolean(), z.enum(['true', 'false'])]),
      expiryTimeStamp: z.union([z.number(), z.string()]),
      evaluatedConditions: z.string().optional(),
    }),
  }),
});
type NaiveEntry = z.output<typeof NaiveSchema>['event']['payloadData'];

interface CoreFigures {
  liveKeys: number;
  decisions: number;
  confirmations: number;
  lateConfirmations: number;
  staleReports: number;
  rejected: number;
  disagreeingKeys: number;
  changeRecords: number;
  deltas: number;
}

interface Run {
  /** Deliveries per second of wall-clock time, and per second of this process's CPU time. */
  rate: number;
  cpuRate: number;
  /** Keys whose state differs from the newest published, while tm3 still lags and at the end. */
  staleWhileLagging: number;
  stale: number;
  figures?: CoreFigures;
}

/**
 * Wall time and CPU time (user + system, all threads: unlike wall time, not stretched by other
 * load on the machine) over the stretches between start() and stop().
 */
class Timer {
  seconds = 0;
  cpuSeconds = 0;
  private wallFrom = 0;
  private cpuFrom: NodeJS.CpuUsage = { user: 0, system: 0 };

  start(): void {
    this.wallFrom = performance.now();
    this.cpuFrom = process.cpuUsage();
  }

  stop(): void {
    this.seconds += (performance.now() - this.wallFrom) / 1000;
    const used = process.cpuUsage(this.cpuFrom);
    this.cpuSeconds += (used.user + used.system) / 1e6;
  }
}

function payloadAt(w: Workload, delivery: number): Buffer {
  const message = w.order[delivery] ?? 0;
  return w.bytes.subarray(w.starts[message], w.starts[message + 1]);
}

function runCore(w: Workload, deliveries: number): Run {
  // Real time, read every 256 deliveries: deltas go out at most 10 per second of the run's own
  // time, as they would live, and ticks run every 250 ms.
  let now = Date.now();
  let due: { fn: () => void; at: number } | undefined;
  const pipeline = createThrottlePipeline({
    clock: () => now,
    schedule(fn, ms) {
      const timer = { fn, at: now + ms };
      due = timer;
      return () => {
        if (due === timer) due = undefined;
      };
    },
  });
  let records = 0;
  let deltas = 0;
  pipeline.onChange(() => (records += 1));
  pipeline.onDelta(() => (deltas += 1));
  pipeline.setConnected(BROKERS);
  for (const broker of BROKERS) pipeline.ingest(broker, w.keyTemplate, now);

  let nextTick = now + 250;
  const timer = new Timer();
  const deliver = (from: number, to: number): void => {
    timer.start();
    for (let i = from; i < to; i += 1) {
      if ((i & 255) === 0) {
        now = Date.now();
        if (due && due.at <= now) due.fn();
        if (now >= nextTick) {
          pipeline.tick(now);
          nextTick = now + 250;
        }
      }
      pipeline.ingest(BROKERS[w.brokerOf[i] ?? 0] ?? '', payloadAt(w, i), now);
    }
    timer.stop();
  };
  const rowsNow = () => new Map(pipeline.snapshot().rows.map((row) => [row.key, row]));
  const coreState = (rows: Map<string, { expiryTimeStamp: number }>) => (key: string) => {
    const row = rows.get(key);
    return row ? { isThrottled: true, expiry: row.expiryTimeStamp } : undefined;
  };

  const middle = Math.min(w.othersDone, deliveries);
  deliver(0, middle);
  const staleWhileLagging = staleKeys(w, coreState(rowsNow()));
  deliver(middle, deliveries);
  timer.start();
  pipeline.tick(now);
  pipeline.flushDeltas();
  timer.stop();
  const stale = staleKeys(w, coreState(rowsNow()));
  const c = pipeline.counters();
  pipeline.close();
  return {
    rate: deliveries / timer.seconds,
    cpuRate: deliveries / timer.cpuSeconds,
    staleWhileLagging,
    stale,
    figures: {
      liveKeys: c.live,
      decisions: c.decisions,
      confirmations: c.confirmations,
      lateConfirmations: c.lateConfirmations,
      staleReports: c.stale,
      rejected: c.rejected,
      disagreeingKeys: c.disagreeingKeys,
      changeRecords: records,
      deltas,
    },
  };
}

function runNaive(w: Workload, deliveries: number): Run {
  const table = new Map<string, NaiveEntry>();
  const timer = new Timer();
  const deliver = (from: number, to: number): void => {
    timer.start();
    for (let i = from; i < to; i += 1) {
      const entry = NaiveSchema.parse(JSON.parse(payloadAt(w, i).toString())).event.payloadData;
      table.set(entry.throttleKey, entry);
    }
    timer.stop();
  };
  // The naive table holds every key's last message, throttled or not.
  const naiveState = (key: string) => {
    const entry = table.get(key);
    if (!entry || String(entry.isThrottled) !== 'true') return undefined;
    return { isThrottled: true, expiry: Number(entry.expiryTimeStamp) };
  };
  const middle = Math.min(w.othersDone, deliveries);
  deliver(0, middle);
  const staleWhileLagging = staleKeys(w, naiveState);
  deliver(middle, deliveries);
  return {
    rate: deliveries / timer.seconds,
    cpuRate: deliveries / timer.cpuSeconds,
    staleWhileLagging,
    stale: staleKeys(w, naiveState),
  };
}

/** Keys whose throttled state (or absence) differs from the newest state published for them. */
function staleKeys(
  w: Workload,
  stateOf: (key: string) => { isThrottled: boolean; expiry: number } | undefined,
): number {
  let stale = 0;
  for (const [key, newest] of w.newest) {
    const state = stateOf(key);
    const ok = newest.isThrottled ? state?.expiry === newest.expiry : state === undefined;
    if (!ok) stale += 1;
  }
  return stale;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;

const workload = buildWorkload({ deliveries: DELIVERIES, keys: KEYS, lag: LAG, baseTime: BASE_TIME });
const deliveries = workload.order.length;
console.log(
  `in-process ingest: ${deliveries.toLocaleString('en')} deliveries (${KEYS.toLocaleString('en')} keys, ` +
    `${(deliveries / 3).toLocaleString('en', { maximumFractionDigits: 0 })} decisions × 3 brokers, tm3 ${LAG.toLocaleString('en')} deliveries behind), ` +
    `payloads ${mb(workload.bytes.length)} MB`,
);

const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
const rssBeforeCore = maxRss();

// First the core alone (warm-up, then one full run), so the peak RSS read after it is the
// core's plus the workload's. Then the rates: core and naive rounds alternate, so a change in
// the machine's load hits both alike, and each rate is the median of its rounds.
runCore(workload, Math.min(deliveries, 100_000));
const first = runCore(workload, deliveries);
const peakRssAfterCore = maxRss();
runNaive(workload, Math.min(deliveries, 100_000));
const core: Run[] = [first];
const naive: Run[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  naive.push(runNaive(workload, deliveries));
  if (round > 0) core.push(runCore(workload, deliveries));
}

const coreRate = median(core.map((r) => r.rate));
const naiveRate = median(naive.map((r) => r.rate));
const coreCpuRate = median(core.map((r) => r.cpuRate));
const naiveCpuRate = median(naive.map((r) => r.cpuRate));
const last = core[core.length - 1] as Run;
const result = {
  bench: 'ingest-inprocess',
  deliveries,
  keys: KEYS,
  lagDeliveries: LAG,
  rounds: ROUNDS,
  coreRate: Math.round(coreRate),
  naiveRate: Math.round(naiveRate),
  ratio: Math.round((coreRate / naiveRate) * 100) / 100,
  coreCpuRate: Math.round(coreCpuRate),
  naiveCpuRate: Math.round(naiveCpuRate),
  cpuRatio: Math.round((coreCpuRate / naiveCpuRate) * 100) / 100,
  staleKeys: Math.max(...core.map((r) => Math.max(r.staleWhileLagging, r.stale))),
  staleKeysWhileLagging: Math.max(...core.map((r) => r.staleWhileLagging)),
  staleKeysAtEnd: Math.max(...core.map((r) => r.stale)),
  naiveStaleKeysWhileLagging: Math.max(...naive.map((r) => r.staleWhileLagging)),
  naiveStaleKeysAtEnd: Math.max(...naive.map((r) => r.stale)),
  rssBeforeCoreMB: mb(rssBeforeCore),
  peakRssMB: mb(peakRssAfterCore),
  peakRssEndMB: mb(maxRss()),
  ...(last.figures as CoreFigures),
};

const fmt = (n: number): string => Math.round(n).toLocaleString('en');
console.log(`rates are medians of ${ROUNDS} alternating rounds; per second of wall time, and of CPU time`);
console.log(
  `core (decode, validate, merge, live table, deltas): ${fmt(coreRate)} msg/s  (CPU time: ${fmt(coreCpuRate)} msg/s)`,
);
console.log(
  `naive (JSON.parse + zod + Map.set):                 ${fmt(naiveRate)} msg/s  (CPU time: ${fmt(naiveCpuRate)} msg/s)`,
);
console.log(`ratio core / naive: ${result.ratio}  (CPU time: ${result.cpuRatio}; target ≥ 1.2)`);
console.log(
  `stale keys (state differs from the newest published): core ${result.staleKeysWhileLagging} while tm3 lags, ` +
    `${result.staleKeysAtEnd} at the end (target 0); naive ${result.naiveStaleKeysWhileLagging} while tm3 lags, ` +
    `${result.naiveStaleKeysAtEnd} at the end`,
);
console.log(
  `peak RSS after the core runs: ${result.peakRssMB} MB (target < 300 MB; ${result.rssBeforeCoreMB} MB before them, ` +
    `with the workload built); at the end ${result.peakRssEndMB} MB`,
);
console.log(
  `core counters: ${result.decisions} versions, ${result.confirmations} confirmations, ${result.lateConfirmations} late, ` +
    `${result.staleReports} stale reports, ${result.disagreeingKeys} disagreeing keys, ${result.changeRecords} change records, ${result.deltas} deltas`,
);
console.log(JSON.stringify(result));
