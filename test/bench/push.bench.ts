// npm run bench:push — a 3-node demo cluster on loopback, 200 pushes one after the other:
// publish → acknowledged and publish → synced on all three; then 200 more while the active node
// is killed every 20 pushes (right after the push is published, before it can read it), and
// restarted once the push is acknowledged. Counts lost pushes and pushes applied twice.
//
// Each push re-adds blocking condition "bench" with a new value, so each application on a TM
// shows on that TM's throttleData as a blocking message carrying the value: a push applied
// twice by one TM (per life of the TM: a restarted one starts empty) would show twice.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { mqttConnector } from '../../electron/core/cluster/mqtt-connector';
import type { PushView } from '../../electron/core/policy/push-view';
import { NO_SECRETS } from '../../electron/core/profile/no-secrets';
import { ProfileSchema } from '../../electron/core/profile/profile-schema';
import { startDemoCluster, type DemoCluster } from '../../electron/demo/demo-cluster';
import { formatTable, summarize, type Summary } from './bench-stats';

const PUSHES = Number(process.env.BENCH_PUSHES ?? 200);
const KILL_EVERY = 20;

interface Outcome {
  n: number;
  view: PushView;
  killed: string | null;
}

interface Scenario {
  name: string;
  ack: Summary;
  synced: Summary;
  notSynced: number;
  failovers: number;
  kills: number;
  lost: number;
  /** Applications seen on throttleData (one per TM life per push): the duplicate detector's sample. */
  applied: number;
  duplicates: number;
}

/** Blocking messages seen per broker, per life of its TM, per value. */
class Applications {
  private readonly lives = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  readonly values = new Set<string>();

  restarted(brokerId: string): void {
    this.lives.set(brokerId, (this.lives.get(brokerId) ?? 0) + 1);
  }

  record(brokerId: string, payload: Buffer): void {
    let data: { blockingCondition?: string; conditionValue?: string; state?: string };
    try {
      data = (JSON.parse(payload.toString()) as { event: { payloadData: typeof data } }).event.payloadData;
    } catch {
      return;
    }
    if (data.blockingCondition !== 'USER' || data.state !== 'true' || !data.conditionValue?.startsWith('bench-'))
      return;
    this.values.add(data.conditionValue);
    const key = `${brokerId}#${this.lives.get(brokerId) ?? 0}#${data.conditionValue}`;
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
  }

  /** Values `bench-<n>` with n in [from, to]: how many (TM life, value) applications were seen, and how many more than once. */
  count(from: number, to: number): { applied: number; duplicates: number } {
    let applied = 0;
    let duplicates = 0;
    for (const [key, count] of this.seen) {
      const n = Number(/#bench-(\d+)@/.exec(key)?.[1]);
      if (n < from || n > to) continue;
      applied += 1;
      if (count > 1) duplicates += 1;
    }
    return { applied, duplicates };
  }
}

function condition(n: number): unknown {
  return {
    conditionId: 'bench',
    conditionType: 'USER',
    conditionValue: `bench-${n}@carbon.super`,
    conditionStatus: true,
  };
}

async function untilStatesKnown(core: AppCore): Promise<void> {
  const known = (): boolean => core.reports.all().every((r) => r.tracked?.live === true);
  if (known()) return;
  await new Promise<void>((resolve) => {
    const off = core.reports.on(() => {
      if (!known()) return;
      off();
      resolve();
    });
  });
}

async function push(
  core: AppCore,
  cluster: DemoCluster,
  n: number,
  kill: boolean,
  applications: Applications,
): Promise<Outcome> {
  let killed: string | null = null;
  const off = core.policies.on((event) => {
    if (!kill || killed !== null || event.type !== 'push') return;
    const active = core.cluster()?.snapshot().failover.active ?? null;
    const node = cluster.nodes.find((nd) => nd.id === active);
    if (!node) return;
    killed = node.id;
    // Connections dropped now, in the same tick as the publish: the node never reads the push.
    void node.broker.kill();
    void cluster.kill(node.id);
  });
  const started = await core.policies.deployBody(condition(n), 'blocking');
  off();
  if (!started.started) throw new Error(`push ${n} did not start: ${started.message}`);
  await started.acknowledged;
  const victim: string | null = killed;
  if (victim !== null) {
    await cluster.restart(victim);
    applications.restarted(victim);
  }
  return { n, view: await started.done, killed: victim };
}

function scenario(name: string, outcomes: Outcome[], applications: Applications): Scenario {
  const acked = outcomes.filter((o) => o.view.ack !== null);
  const synced = outcomes.flatMap((o) => (o.view.sync?.syncedAfterMs == null ? [] : [o.view.sync.syncedAfterMs]));
  const seen = applications.count(outcomes[0]?.n ?? 0, outcomes.at(-1)?.n ?? 0);
  const lost = outcomes.filter(
    (o) => o.view.ack === null || !applications.values.has(`bench-${o.n}@carbon.super`),
  ).length;
  return {
    name,
    ack: summarize(acked.map((o) => o.view.ack?.latencyMs ?? 0)),
    synced: summarize(synced),
    notSynced: outcomes.length - synced.length,
    failovers: outcomes.reduce((sum, o) => sum + o.view.failovers, 0),
    kills: outcomes.filter((o) => o.killed !== null).length,
    lost,
    applied: seen.applied,
    duplicates: seen.duplicates,
  };
}

async function main(): Promise<void> {
  const cluster = await startDemoCluster({ tms: 3, rate: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'tmc-bench-push-'));
  const core = createAppCore({
    connector: mqttConnector,
    clock: Date.now,
    random: Math.random,
    secrets: NO_SECRETS,
    readFile: (path) => readFile(path),
    appInfo: { name: 'Traffic Manager Console', version: 'bench' },
    policies: { user: 'bench', source: 'app', dir },
  });
  const applications = new Applications();
  core.onClusterEvent((event) => {
    if (event.type === 'message' && event.topic === 'throttleData') applications.record(event.brokerId, event.payload);
  });
  const opened = await core.open(
    ProfileSchema.parse({
      ...cluster.profile,
      failover: { failbackHoldMs: 2_000, backoff: { initialMs: 50, maxMs: 500, multiplier: 2, jitter: true } },
    }),
  );
  if (!opened.done) throw new Error(opened.message);
  await untilStatesKnown(core);

  console.log(`bench:push — 3 demo TMs on loopback, ${PUSHES} pushes per scenario`);
  const steady: Outcome[] = [];
  for (let i = 1; i <= PUSHES; i += 1) steady.push(await push(core, cluster, i, false, applications));
  const faulted: Outcome[] = [];
  for (let i = 1; i <= PUSHES; i += 1)
    faulted.push(await push(core, cluster, PUSHES + i, i % KILL_EVERY === KILL_EVERY / 2, applications));

  const results = [
    scenario('no faults', steady, applications),
    scenario(`kill active every ${KILL_EVERY}`, faulted, applications),
  ];
  console.log('');
  console.log(
    formatTable(
      [
        'scenario',
        'n',
        'ack p50',
        'p95',
        'max',
        'synced p50',
        'p95',
        'max',
        'not synced',
        'kills',
        'failovers',
        'lost',
        'applied',
        'dup applied',
      ],
      results.map((r) => [
        r.name,
        r.ack.n,
        r.ack.p50,
        r.ack.p95,
        r.ack.max,
        r.synced.p50,
        r.synced.p95,
        r.synced.max,
        r.notSynced,
        r.kills,
        r.failovers,
        r.lost,
        r.applied,
        r.duplicates,
      ]),
    ),
  );
  console.log('(milliseconds from the first publish; "synced" = every TM reports the revision;');
  console.log(' "applied" = applications seen on the TMs\' throttleData, one per TM life and push)');
  const killedOnes = faulted.filter((o) => o.killed !== null);
  console.log(
    `pushes with a kill: ack p50 ${summarize(killedOnes.map((o) => o.view.ack?.latencyMs ?? 0)).p50} ms, all by the next TM: ${killedOnes.every((o) => o.view.ack !== null && o.view.ack.brokerId !== o.killed)}`,
  );

  await mkdir('test/artifacts', { recursive: true });
  await writeFile(
    'test/artifacts/bench-push.json',
    JSON.stringify({ pushes: PUSHES, killEvery: KILL_EVERY, results }, null, 2),
  );
  await core.stop();
  await cluster.stop();
  await rm(dir, { recursive: true, force: true });
  const failed = results.some((r) => r.lost > 0 || r.duplicates > 0);
  if (failed) console.log('FAIL: lost or duplicated pushes');
  process.exitCode = failed ? 1 : 0;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
