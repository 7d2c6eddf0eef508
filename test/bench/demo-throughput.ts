import { performance } from 'node:perf_hooks';
import { startDemoCluster } from '../../electron/demo/demo-cluster';
import { DEFAULT_MIX } from '../../electron/demo/gateway/default-mix';
import type { TrafficMix } from '../../electron/demo/gateway/traffic-mix';

// `npm run bench:demo`: a 2-node demo cluster with its gateway at 500 requests/s for about
// 20 s, with the default policies. Prints the decisions each traffic manager published per
// second and the lag from a gateway publishing the request that changed a key's state to the
// gateway receiving the decision (p50, p95), then the same figures as JSON.
//
// The default traffic is shaped for the eye: at 500 requests/s its per-minute quotas run out
// within seconds and the gateway answers most requests itself. Here every application is
// Unlimited on a Gold subscription, nobody sends the free-tier header and uploads stay small,
// so most requests reach the traffic managers; the per-second limits (10PerSec, mobile clients
// 5/s) keep keys changing state every second.
const BENCH_MIX: TrafficMix = {
  ...DEFAULT_MIX,
  applications: DEFAULT_MIX.applications.map((app) => ({ ...app, appTier: 'Unlimited', subscriptionTier: 'Gold' })),
  headers: [{ name: 'x-tier', values: ['premium', ''] }],
  messageSize: { min: 200, max: 2_000 },
};

const RATE = 500;
const SECONDS = 20;
const MAX_PENDING = 100_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (value: number): number => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const cluster = await startDemoCluster({ tms: 2, rate: RATE, mix: BENCH_MIX });
  const gateway = cluster.gateway;
  if (!gateway) throw new Error('the cluster started without its gateway');

  // When each request left the gateway, and which request each decision answered.
  const sentAt = new Map<string, number>();
  const triggeredBy = new Map<string, string>();
  const identity = (d: { throttleKey: unknown; isThrottled: unknown; expiryTimeStamp: unknown }): string =>
    `${String(d.throttleKey)}|${String(d.isThrottled)}|${String(d.expiryTimeStamp)}`;
  const lags: number[] = [];
  const perSecond = new Map<string, number[]>(cluster.nodes.map((node) => [node.id, []]));
  const current = new Map<string, number>(cluster.nodes.map((node) => [node.id, 0]));

  gateway.onRequest((event, verdict) => {
    if (verdict !== 'allowed') return;
    if (sentAt.size >= MAX_PENDING) sentAt.delete(sentAt.keys().next().value ?? '');
    sentAt.set(event.messageID, performance.now());
  });
  for (const node of cluster.nodes) {
    node.tm?.onDecision(({ decision, messageId, tmId }) => {
      current.set(tmId, (current.get(tmId) ?? 0) + 1);
      if (messageId !== '' && !triggeredBy.has(identity(decision))) triggeredBy.set(identity(decision), messageId);
    });
  }
  gateway.onThrottleData((message) => {
    const data = (message as { event?: { payloadData?: Record<string, unknown> } }).event?.payloadData;
    if (!data || typeof data.throttleKey !== 'string') return;
    const key = identity({
      throttleKey: data.throttleKey,
      isThrottled: data.isThrottled,
      expiryTimeStamp: data.expiryTimeStamp,
    });
    const messageId = triggeredBy.get(key);
    const sent = messageId === undefined ? undefined : sentAt.get(messageId);
    triggeredBy.delete(key);
    if (sent !== undefined) lags.push(performance.now() - sent);
  });

  const requests: number[] = [];
  const throttled: number[] = [];
  const evaluated = new Map<string, number[]>(cluster.nodes.map((node) => [node.id, []]));
  await new Promise<void>((resolve) => {
    let second = 0;
    const off = gateway.onSecond((stats) => {
      second += 1;
      requests.push(stats.allowed + stats.throttled + stats.blocked);
      throttled.push(stats.throttled);
      for (const [id, count] of current) {
        perSecond.get(id)?.push(count);
        current.set(id, 0);
      }
      for (const node of cluster.nodes) evaluated.get(node.id)?.push(node.tm?.stats().requestsPerSec ?? 0);
      const decisions = [...perSecond].map(([id, counts]) => `${id} ${counts.at(-1) ?? 0}`).join(', ');
      console.log(
        `second ${second}: ${stats.allowed + stats.throttled + stats.blocked} requests, decisions published: ${decisions}`,
      );
      if (second >= SECONDS) {
        off();
        resolve();
      }
    });
  });
  await cluster.stop();

  const sorted = [...lags].sort((a, b) => a - b);
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const result = {
    bench: 'demo-throughput',
    tms: cluster.nodes.length,
    targetRequestsPerSec: RATE,
    seconds: SECONDS,
    gatewayRequestsPerSec: round(mean(requests)),
    gatewayThrottledPerSec: round(mean(throttled)),
    tmRequestsPerSec: Object.fromEntries([...evaluated].map(([id, rates]) => [id, round(mean(rates.slice(1)))])),
    decisionsPerSec: Object.fromEntries([...perSecond].map(([id, counts]) => [id, round(mean(counts))])),
    decisionsPerSecPeak: Object.fromEntries([...perSecond].map(([id, counts]) => [id, Math.max(0, ...counts)])),
    lagSamples: sorted.length,
    lagMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
  };
  console.log('');
  console.log(`gateway: ${result.gatewayRequestsPerSec} requests/s (${result.gatewayThrottledPerSec} throttled/s)`);
  for (const [id, rate] of Object.entries(result.decisionsPerSec)) {
    console.log(
      `${id}: ${result.tmRequestsPerSec[id]} requests/s evaluated, ${rate} decisions/s published on average, peak ${result.decisionsPerSecPeak[id]}`,
    );
  }
  console.log(
    `request → decision lag over ${result.lagSamples} decisions: p50 ${result.lagMs.p50} ms, p95 ${result.lagMs.p95} ms, p99 ${result.lagMs.p99} ms, max ${result.lagMs.max} ms`,
  );
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(`bench:demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
