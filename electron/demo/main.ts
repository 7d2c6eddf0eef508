import { parseArgs } from 'node:util';
import { activityLine } from './activity-line';
import { startDemoCluster } from './demo-cluster';

// `npm run demo`: the embedded demo cluster, headless, for any MQTT tool to point at.
function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be ${min}–${max}, not "${text}".`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tms: { type: 'string' }, port: { type: 'string' }, rate: { type: 'string' } },
  });
  const tms = integer('tms', values.tms, 2, 1, 16);
  const basePort = integer('port', values.port, 0, 0, 65535);
  const rate = integer('rate', values.rate, 100, 0, 100_000);
  const cluster = await startDemoCluster({ tms, basePort, rate });
  for (const node of cluster.nodes) console.log(`${node.id} ${node.url}`);
  const ticker = setInterval(() => {
    console.log(activityLine(Date.now(), cluster.nodes, cluster.gateway?.stats()));
  }, 1_000);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
