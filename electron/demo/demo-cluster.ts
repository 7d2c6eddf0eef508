import { ProfileSchema, type Profile } from '../core/profile/profile-schema';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker';

export interface DemoNode {
  id: string;
  broker: EmbeddedBroker;
}

export interface DemoCluster {
  nodes: DemoNode[];
  profile: Profile;
  kill(id: string): Promise<void>;
  restart(id: string): Promise<void>;
  stop(): Promise<void>;
}

export interface DemoClusterOptions {
  tms: number;
  /** First port; node i listens on basePort + i. 0 takes any free ports. */
  basePort: number;
}

/** The embedded demo cluster: one loopback broker per traffic manager. */
export async function startDemoCluster(options: Partial<DemoClusterOptions> = {}): Promise<DemoCluster> {
  const tms = options.tms ?? 2;
  const basePort = options.basePort ?? 0;
  const nodes: DemoNode[] = [];
  try {
    for (let i = 0; i < tms; i += 1) {
      const broker = await startEmbeddedBroker({ port: basePort === 0 ? 0 : basePort + i });
      nodes.push({ id: `tm${i + 1}`, broker });
    }
  } catch (error) {
    await Promise.all(nodes.map((node) => node.broker.close()));
    throw error;
  }

  const find = (id: string): DemoNode => {
    const node = nodes.find((n) => n.id === id);
    if (!node) throw new Error(`The demo cluster has no traffic manager "${id}".`);
    return node;
  };

  return {
    nodes,
    profile: ProfileSchema.parse({
      name: 'Demo cluster',
      brokers: nodes.map((node, i) => ({ id: node.id, label: `Traffic manager ${i + 1}`, url: node.broker.url })),
    }),
    kill: (id) => find(id).broker.kill(),
    restart: (id) => find(id).broker.restart(),
    stop: async () => {
      await Promise.all(nodes.map((node) => node.broker.close()));
    },
  };
}
