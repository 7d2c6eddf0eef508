import { connect } from 'mqtt';
import { ProfileSchema, type Profile } from '../core/profile/profile-schema';
import { defaultDeployment, type DemoDeployment } from './default-deployment';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';
import { compileBlocks } from './engine/compile-deployment';
import { emptyPolicies } from './engine/compiled-policies';
import { blockRecord, seedDeployment } from './engine/deployment';
import { DEFAULT_MIX } from './gateway/default-mix';
import { startGatewaySimulator, type GatewaySimulator } from './gateway/gateway-simulator';
import { seededRandom, type TrafficMix } from './gateway/traffic-mix';
import { startTrafficManager } from './tm/traffic-manager';
import type { TrafficManager } from './tm/traffic-manager-api';

export interface DemoNode {
  readonly id: string;
  readonly url: string;
  /** False between kill() and restart(). */
  readonly running: boolean;
  /** The node's current broker (a new one after each restart). */
  readonly broker: EmbeddedBroker;
  /** The traffic manager; undefined while the node is killed. */
  readonly tm: TrafficManager | undefined;
}

export interface DemoCluster {
  nodes: DemoNode[];
  profile: Profile;
  /** The simulated gateway; undefined when the cluster runs without traffic (rate 0). */
  gateway: GatewaySimulator | undefined;
  /** Stops a node as a crash would: its broker and its memory are gone. */
  kill(id: string): Promise<void>;
  /** Starts a killed node again on its port; it pulls the deployment from a peer before serving. */
  restart(id: string): Promise<void>;
  stop(): Promise<void>;
}

export interface DemoClusterOptions {
  tms: number;
  /** First port; node i listens on basePort + i. 0 takes any free ports. */
  basePort: number;
  /** Requests per second from the simulated gateway; 0 runs no gateway. */
  rate: number;
  deployment: DemoDeployment;
  mix: TrafficMix;
  clock: () => number;
  /** Seed of the gateway's random traffic, so a run can be replayed. */
  seed: number;
  heartbeatIntervalMs: number;
}

const DEFAULTS: Omit<DemoClusterOptions, 'deployment'> = {
  tms: 2,
  basePort: 0,
  rate: 100,
  mix: DEFAULT_MIX,
  clock: Date.now,
  seed: 1,
  heartbeatIntervalMs: 1_000,
};

interface NodeSlot {
  id: string;
  port: number;
  broker: EmbeddedBroker;
  tm: TrafficManager | undefined;
  /** Kill and restart of one node run one after the other. */
  busy: Promise<void>;
}

/** The embedded demo cluster: traffic managers on loopback brokers, and a gateway feeding them. */
export async function startDemoCluster(options: Partial<DemoClusterOptions> = {}): Promise<DemoCluster> {
  const settings = { ...DEFAULTS, ...options };
  const deployment = options.deployment ?? defaultDeployment();
  const seed = seedDeployment(deployment.policies, deployment.blocks);
  const slots: NodeSlot[] = [];

  const startTm = (slot: NodeSlot, pullOnStart: boolean): Promise<TrafficManager> =>
    startTrafficManager({
      tmId: slot.id,
      broker: slot.broker,
      peers: slots.filter((other) => other !== slot).map((other) => ({ tmId: other.id, url: other.broker.url })),
      seed,
      clock: settings.clock,
      connect,
      pullOnStart,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
    });

  let gateway: GatewaySimulator | undefined;
  try {
    // Brokers first, so every traffic manager knows all its peers' addresses.
    for (let i = 0; i < settings.tms; i += 1) {
      const broker = await startEmbeddedBroker({ port: settings.basePort === 0 ? 0 : settings.basePort + i });
      slots.push({ id: `tm${i + 1}`, port: broker.port, broker, tm: undefined, busy: Promise.resolve() });
    }
    // A fresh cluster starts everywhere from the same deployment: nothing to pull yet.
    const tms = await Promise.all(slots.map((slot) => startTm(slot, false)));
    tms.forEach((tm, i) => {
      const slot = slots[i];
      if (slot) slot.tm = tm;
    });
    if (settings.rate > 0) {
      gateway = await startGatewaySimulator({
        tmUrls: slots.map((slot) => slot.broker.url),
        rate: settings.rate,
        mix: settings.mix,
        random: seededRandom(settings.seed),
        clock: settings.clock,
        connect,
        policies: () => slots.find((slot) => slot.tm)?.tm?.compiledPolicies() ?? emptyPolicies(),
        initialBlocks: compileBlocks(deployment.blocks.map((b) => blockRecord(b.condition, b.conditionId, 1))),
      });
    }
  } catch (error) {
    await Promise.all(slots.map((slot) => (slot.tm ? slot.tm.stop() : slot.broker.close())));
    throw error;
  }

  const find = (id: string): NodeSlot => {
    const slot = slots.find((s) => s.id === id);
    if (!slot) throw new Error(`The demo cluster has no traffic manager "${id}".`);
    return slot;
  };
  const serially = (slot: NodeSlot, step: () => Promise<void>): Promise<void> => {
    slot.busy = slot.busy.then(step, step);
    return slot.busy;
  };

  const nodes: DemoNode[] = slots.map((slot) => ({
    id: slot.id,
    get url() {
      return slot.broker.url;
    },
    get running() {
      return slot.tm !== undefined;
    },
    get broker() {
      return slot.broker;
    },
    get tm() {
      return slot.tm;
    },
  }));

  return {
    nodes,
    gateway,
    profile: ProfileSchema.parse({
      name: 'Demo cluster',
      brokers: slots.map((slot, i) => ({ id: slot.id, label: `Traffic manager ${i + 1}`, url: slot.broker.url })),
    }),
    kill: async (id) => {
      const slot = find(id);
      return serially(slot, async () => {
        const tm = slot.tm;
        slot.tm = undefined;
        await tm?.stop();
      });
    },
    restart: async (id) => {
      const slot = find(id);
      return serially(slot, async () => {
        if (slot.tm) return;
        slot.broker = await startEmbeddedBroker({ port: slot.port });
        try {
          slot.tm = await startTm(slot, true);
        } catch (error) {
          await slot.broker.close();
          throw error;
        }
      });
    },
    stop: async () => {
      await gateway?.stop();
      await Promise.all(
        slots.map((slot) =>
          serially(slot, async () => {
            const tm = slot.tm;
            slot.tm = undefined;
            await tm?.stop();
          }),
        ),
      );
    },
  };
}
