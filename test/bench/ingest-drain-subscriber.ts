// One drain of `bench:ingest`, in a process of its own so its peak RSS is its own: connects to
// the persistent sessions the parent filled and times reading them empty. Prints one JSON line.
//   raw:  one mqtt.js client per broker that only counts messages (the ceiling).
//   core: the console's app core opened on a profile of the brokers: real links, the cluster
//         session feeding every broker's throttleData to the throttle pipeline. The one change
//         is the connector: it gives each link the persistent session the parent filled.
import { readFile } from 'node:fs/promises';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import type { Connector } from '../../electron/core/cluster/broker-link';
import type { ThrottlePage } from '../../electron/core/host/throttle-contract';
import { NO_SECRETS } from '../../electron/core/profile/no-secrets';
import { ProfileSchema } from '../../electron/core/profile/profile-schema';
import { liveTable } from '../support/throttle-watch';
import { keyNames, newestStates } from './ingest-workload';

export interface DrainArgs {
  mode: 'raw' | 'core';
  urls: string[];
  /** Client id per broker, of the sessions to drain. */
  clientIds: string[];
  decisions: number;
  keys: number;
  baseTime: number;
}

export interface DrainResult {
  mode: 'raw' | 'core';
  /** Every broker delivered all its copies before the drain stalled. */
  complete: boolean;
  received: number;
  perBroker: number[];
  /** From the first connect to the last message. */
  seconds: number;
  /** Copies per second of wall time, and per second of this process's CPU time (user + system). */
  rate: number;
  cpuRate: number;
  cpuSeconds: number;
  peakRssMB: number;
  /** core only: the live table at the end against the newest published state per key. */
  staleKeys?: number;
  liveKeys?: number;
  counters?: ThrottlePage['counters'];
  /** core only: link reconnects during the drain (each would have restarted its session). */
  reconnects?: number;
}

// Reading a backlog, a client acknowledges every message, and Mosquitto 2.0 delivers a ping
// answer or a probe echo only once the queue ahead of it is sent: tens of seconds into the
// drain, past mqtt.js's keepalive (an answer within half the keepalive) and the links' probe
// (three 250 ms misses). Live links subscribe at QoS 0 and have no such queue; for the drain
// both subscribers get a long keepalive, and the core's profile a probe that waits minutes.
const KEEPALIVE_SEC = 300;
const PROBE = { intervalMs: 5_000, missesToDead: 60 };
// A drain that makes no progress for this long is reported as it stands.
const STALL_MS = 20_000;

const mb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;

interface Counting {
  perBroker: number[];
  count(broker: number): void;
  /** True when every broker delivered `each`, false after a stall. */
  done: Promise<boolean>;
  /** performance.now() and CPU usage at the last copy (or at the stall). */
  end(): { at: number; cpu: NodeJS.CpuUsage };
}

function counter(brokers: number, each: number): Counting {
  const perBroker = new Array<number>(brokers).fill(0);
  let unfinished = brokers;
  let progressAt = performance.now();
  let end: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  let finish: (complete: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  const stallCheck = setInterval(() => {
    if (performance.now() - progressAt > STALL_MS) finish(false);
  }, 1_000);
  void done.then(() => clearInterval(stallCheck));
  return {
    perBroker,
    count(broker) {
      const n = (perBroker[broker] ?? 0) + 1;
      perBroker[broker] = n;
      if ((n & 1023) === 0) progressAt = performance.now();
      if (n === each) {
        unfinished -= 1;
        if (unfinished === 0) {
          end = { at: performance.now(), cpu: process.cpuUsage() };
          finish(true);
        }
      }
    },
    done,
    end: () => end ?? { at: performance.now(), cpu: process.cpuUsage() },
  };
}

/** As a link connects (broker-link.ts), with the session kept. */
function clientOptions(clientId: string): IClientOptions {
  return {
    clientId,
    clean: false,
    protocolVersion: 4,
    keepalive: KEEPALIVE_SEC,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    resubscribe: false,
    queueQoSZero: false,
  };
}

function drainRaw(args: DrainArgs, counting: Counting): () => Promise<void> {
  const clients: MqttClient[] = args.urls.map((url, i) => {
    const client = connect(url, clientOptions(args.clientIds[i] ?? ''));
    client.on('message', () => counting.count(i));
    client.on('error', (error) => console.error(`raw client ${i}: ${error.message}`));
    return client;
  });
  return async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  };
}

async function drainCore(args: DrainArgs, counting: Counting): Promise<AppCore> {
  const sessionOf = new Map(args.urls.map((url, i) => [url, args.clientIds[i] ?? '']));
  const connector: Connector = (url, options) =>
    connect(url, { ...options, clean: false, clientId: sessionOf.get(url) ?? String(options.clientId) });
  const core = createAppCore({
    connector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: { name: 'Traffic Manager Console', version: 'bench' },
  });
  const ids = args.urls.map((_, i) => `tm${i + 1}`);
  core.onClusterEvent((event) => {
    if (event.type === 'message' && event.topic === 'throttleData') counting.count(ids.indexOf(event.brokerId));
  });
  const profile = ProfileSchema.parse({
    name: 'bench drain',
    brokers: args.urls.map((url, i) => ({ id: ids[i], label: `TM ${i + 1}`, url })),
    keepaliveSec: KEEPALIVE_SEC,
    failover: { probe: PROBE },
  });
  const opened = await core.open(profile);
  if (!opened.done) throw new Error(opened.message);
  return core;
}

function staleKeys(args: DrainArgs, rows: readonly { key: string; expiryTimeStamp: number }[]): number {
  const newest = newestStates(args.decisions, keyNames(args.keys), args.baseTime);
  const live = new Map(rows.map((row) => [row.key, row]));
  let stale = 0;
  for (const [key, version] of newest) {
    const row = live.get(key);
    const ok = version.isThrottled ? row?.expiryTimeStamp === version.expiry : row === undefined;
    if (!ok) stale += 1;
  }
  return stale;
}

async function main(args: DrainArgs): Promise<DrainResult> {
  const counting = counter(args.urls.length, args.decisions);
  const cpuFrom = process.cpuUsage();
  const from = performance.now();
  const core = args.mode === 'core' ? await drainCore(args, counting) : undefined;
  const stopRaw = args.mode === 'raw' ? drainRaw(args, counting) : undefined;
  const complete = await counting.done;
  const end = counting.end();
  const seconds = (end.at - from) / 1000;
  const cpuSeconds = (end.cpu.user - cpuFrom.user + end.cpu.system - cpuFrom.system) / 1e6;
  const received = counting.perBroker.reduce((a, b) => a + b, 0);
  const result: DrainResult = {
    mode: args.mode,
    complete,
    received,
    perBroker: counting.perBroker,
    seconds,
    rate: received / seconds,
    cpuRate: received / cpuSeconds,
    cpuSeconds,
    peakRssMB: 0,
  };
  if (core) {
    // The table as a UI reads it, a moment after the last copy: windows are an hour or more long.
    const { rows, counters } = await liveTable(core);
    result.staleKeys = staleKeys(args, rows);
    result.liveKeys = rows.length;
    result.counters = counters;
    result.reconnects = core
      .cluster()
      ?.snapshot()
      .links.reduce((sum, link) => sum + link.reconnects, 0);
    await core.stop();
  }
  await stopRaw?.();
  result.peakRssMB = mb(process.resourceUsage().maxRSS * 1024);
  return result;
}

main(JSON.parse(process.argv[2] ?? '{}') as DrainArgs).then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
