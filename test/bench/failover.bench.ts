// npm run bench:failover — fault → link declared dead, and fault → new active broker, for kill -9,
// SIGSTOP and a silent network cut, with default failover settings; messages lost on the merged
// stream while a publisher sends to every broker at 1,000/s; a plain mqtt.js client as baseline.
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, type MqttClient } from 'mqtt';
import type { AppCore } from '../../electron/core/app-core';
import { isLinkState, nextClusterEvent, openCore } from '../support/cluster-watch';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { mosquittoTool } from '../support/tools';
import { formatTable, summarize, type Summary } from './bench-stats';

type Fault = 'kill' | 'freeze' | 'cut';
const FAULTS: Fault[] = ['kill', 'freeze', 'cut'];
const TRIALS = Number(process.env.BENCH_TRIALS ?? 20);
const BASELINE_TRIALS = 3;
const RATE_PER_SEC = 1_000;
const TOPIC = 'throttleData';

/** The broker a fault is injected on right now; its link going down is expected. */
let faulted: string | undefined;

interface Target {
  broker: MosquittoBroker;
  proxy: TcpProxy;
}

async function inject(fault: Fault, target: Target): Promise<() => Promise<void>> {
  if (fault === 'kill') {
    await target.broker.kill();
    return () => target.broker.restart();
  }
  if (fault === 'freeze') {
    const pid = target.broker.pid() ?? 0;
    process.kill(pid, 'SIGSTOP');
    return async () => {
      process.kill(pid, 'SIGCONT');
    };
  }
  target.proxy.cut();
  return async () => target.proxy.heal();
}

interface Publisher {
  sent: () => number;
  /** Sequence numbers no broker took: every publisher client was disconnected at the time. */
  unsent: () => ReadonlySet<number>;
  /** Resolves once the publisher is connected to every broker again (after a restart). */
  allConnected: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Publishes sequence numbers to every broker directly (not through the proxies). */
function startPublisher(brokers: MosquittoBroker[]): Publisher {
  const clients: MqttClient[] = brokers.map((b) =>
    connect(b.url, { reconnectPeriod: 200, connectTimeout: 2_000, queueQoSZero: false, keepalive: 5 }),
  );
  for (const c of clients) c.on('error', () => undefined);
  let seq = 0;
  const unsent = new Set<number>();
  const started = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE_PER_SEC);
    while (seq < due) {
      seq += 1;
      const payload = JSON.stringify({ seq });
      let taken = false;
      for (const c of clients) {
        if (!c.connected) continue;
        c.publish(TOPIC, payload, { qos: 0 });
        taken = true;
      }
      if (!taken) unsent.add(seq);
    }
  }, 10);
  return {
    sent: () => seq,
    unsent: () => unsent,
    allConnected: async () => {
      for (const c of clients) {
        if (!c.connected) await new Promise<void>((resolve) => c.once('connect', () => resolve()));
      }
    },
    stop: async () => {
      clearInterval(timer);
      await Promise.all(clients.map((c) => c.endAsync(true)));
    },
  };
}

async function allConnected(core: AppCore, ids: string[]): Promise<void> {
  for (const id of ids) {
    if (
      !core
        .cluster()
        ?.links()
        .find((l) => l.brokerId === id)?.isConnected
    )
      await nextClusterEvent(core, isLinkState(id, 'connected'), 30_000);
  }
}

async function runConsoleTrials(core: AppCore, targets: Target[], ids: string[], publisher: Publisher) {
  const results: Record<Fault, { detect: number[]; switch: number[] }> = {
    kill: { detect: [], switch: [] },
    freeze: { detect: [], switch: [] },
    cut: { detect: [], switch: [] },
  };
  for (const fault of FAULTS) {
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // The publisher too: a trial while it is still reconnecting to a restarted broker would
      // count its own missed sends as the console's losses.
      await allConnected(core, ids);
      await publisher.allConnected();
      const active = core.cluster()?.snapshot().failover.active ?? 'tm1';
      const target = targets[ids.indexOf(active)];
      if (!target) throw new Error(`no target for ${active}`);
      const dead = nextClusterEvent(
        core,
        (e): e is Extract<typeof e, { type: 'link' }> =>
          e.type === 'link' && e.link.brokerId === active && e.link.state !== 'connected',
        30_000,
      );
      const switched = nextClusterEvent(
        core,
        (e): e is Extract<typeof e, { type: 'switch' }> => e.type === 'switch' && e.event.from === active,
        30_000,
      );
      faulted = active;
      const t0 = Date.now();
      const restore = await inject(fault, target);
      await dead;
      const tDead = Date.now();
      await switched;
      const tSwitch = Date.now();
      results[fault].detect.push(tDead - t0);
      results[fault].switch.push(tSwitch - t0);
      await restore();
      await allConnected(core, ids);
      faulted = undefined;
      process.stdout.write(
        `  ${fault} #${trial + 1}: dead after ${tDead - t0} ms, switched after ${tSwitch - t0} ms\n`,
      );
    }
  }
  return results;
}

/** A plain mqtt.js client per broker: no probe, keepalive 5 s, its own reconnect. */
async function runBaseline(targets: Target[]) {
  const detect: Record<Fault, number[]> = { kill: [], freeze: [], cut: [] };
  for (const fault of FAULTS) {
    for (let trial = 0; trial < BASELINE_TRIALS; trial += 1) {
      const target = targets[trial % targets.length];
      if (!target) continue;
      const client = connect(target.proxy.url, { keepalive: 5, reconnectPeriod: 1_000, connectTimeout: 30_000 });
      client.on('error', () => undefined);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      const t0 = Date.now();
      const restore = await inject(fault, target);
      await closed;
      detect[fault].push(Date.now() - t0);
      process.stdout.write(`  baseline ${fault} #${trial + 1}: dead after ${Date.now() - t0} ms\n`);
      await client.endAsync(true);
      await restore();
    }
  }
  return detect;
}

async function main(): Promise<void> {
  const tool = mosquittoTool();
  if (!tool.available || !tool.path) throw new Error(`bench:failover needs Mosquitto: ${tool.reason}`);
  const brokers = await Promise.all([0, 1, 2].map(() => startMosquitto(tool.path ?? '')));
  const proxies = await Promise.all(brokers.map((b) => startTcpProxy(b.port)));
  const targets = brokers.map((broker, i) => ({ broker, proxy: proxies[i] as TcpProxy }));
  const ids = ['tm1', 'tm2', 'tm3'];

  const core = await openCore({
    name: 'bench',
    brokers: proxies.map((p, i) => ({ id: ids[i] ?? '', label: `TM ${i + 1}`, url: p.url })),
  });
  const received = new Set<number>();
  // Links that went down although no fault was injected on them: false alarms under load.
  const spurious: string[] = [];
  core.onClusterEvent((e) => {
    if (e.type === 'message' && e.topic === TOPIC) {
      received.add((JSON.parse(e.payload.toString()) as { seq: number }).seq);
    } else if (
      e.type === 'link' &&
      e.link.state !== 'connected' &&
      e.link.brokerId !== faulted &&
      e.link.since === Date.now()
    ) {
      spurious.push(`${e.link.brokerId} ${e.link.state}: ${e.link.lastError ?? ''}`);
    }
  });
  await allConnected(core, ids);
  const publisher = startPublisher(brokers);

  console.log(`bench:failover — ${TRIALS} trials per fault, default settings (probe 250 ms × 3 misses)`);
  const ours = await runConsoleTrials(core, targets, ids, publisher);
  await allConnected(core, ids);
  await publisher.stop();
  // Let the last messages in flight arrive: wait for one more round of metrics on every link.
  await nextClusterEvent(core, isLinkState('tm1', 'connected'));
  const sent = publisher.sent();
  const lostRanges: string[] = [];
  let lost = 0;
  const unsent = publisher.unsent();
  for (let seq = 1; seq <= sent; seq += 1) {
    if (received.has(seq) || unsent.has(seq)) continue;
    lost += 1;
    const last = lostRanges.at(-1);
    if (last !== undefined && Number(last.split('-').at(-1)) === seq - 1) {
      lostRanges[lostRanges.length - 1] = `${last.split('-')[0]}-${seq}`;
    } else lostRanges.push(String(seq));
  }
  await core.stop();

  console.log(`baseline: plain mqtt.js, keepalive 5 s, ${BASELINE_TRIALS} trials per fault`);
  const baseline = await runBaseline(targets);

  const rows: (string | number)[][] = [];
  const figures: Record<string, { detect: Summary; switch?: Summary }> = {};
  for (const fault of FAULTS) {
    const d = summarize(ours[fault].detect);
    const s = summarize(ours[fault].switch);
    const b = summarize(baseline[fault]);
    figures[`console.${fault}`] = { detect: d, switch: s };
    figures[`baseline.${fault}`] = { detect: b };
    rows.push([fault, 'console', d.n, d.p50, d.p95, d.max, s.p50, s.p95, s.max]);
    rows.push([fault, 'plain mqtt.js', b.n, b.p50, b.p95, b.max, '-', '-', '-']);
  }
  console.log('');
  console.log(formatTable(['fault', 'client', 'n', 'detect p50', 'p95', 'max', 'switch p50', 'p95', 'max'], rows));
  console.log(
    `merged stream: ${sent} messages published to every broker at ${RATE_PER_SEC}/s, ${received.size} received, ${lost} lost` +
      ` (${unsent.size} no broker took, the publisher being disconnected from all: not counted)`,
  );
  if (lost > 0) console.log(`lost sequence numbers: ${lostRanges.join(', ')}`);
  console.log(
    `links declared down without an injected fault: ${spurious.length}${spurious.length ? ` (${spurious.join('; ')})` : ''}`,
  );

  await mkdir('test/artifacts', { recursive: true });
  await writeFile(
    'test/artifacts/bench-failover.json',
    JSON.stringify({ trials: TRIALS, figures, sent, unsent: unsent.size, lost, lostRanges, spurious }, null, 2),
  );
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(brokers.map((b) => b.stop()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
