import { parseArgs } from 'node:util';
import { startDemoCluster } from './demo-cluster';

// `npm run demo`: the embedded demo cluster, headless, for any MQTT tool to point at.
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tms: { type: 'string' }, port: { type: 'string' } } });
  const tms = Number(values.tms ?? 2);
  const basePort = Number(values.port ?? 0);
  if (!Number.isInteger(tms) || tms < 1 || tms > 16) throw new Error(`--tms must be 1–16, not "${values.tms}".`);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535)
    throw new Error(`--port must be a port number, not "${values.port}".`);
  const cluster = await startDemoCluster({ tms, basePort });
  for (const node of cluster.nodes) console.log(`${node.id} ${node.broker.url}`);
  const stop = async (): Promise<void> => {
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
