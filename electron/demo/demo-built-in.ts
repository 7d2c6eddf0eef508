import type { OpenedProfile } from '../core/cluster-session';
import type { BuiltInProfile } from '../core/host/handlers/profile-handlers';
import { startDemoCluster, type DemoCluster } from './demo-cluster';

export interface DemoBuiltIn extends BuiltInProfile {
  /** Stops the demo cluster if it was started. */
  stop(): Promise<void>;
}

/** The "Demo cluster" profile: its traffic managers start the first time it is opened. */
export function demoBuiltIn(): DemoBuiltIn {
  let starting: Promise<DemoCluster> | undefined;
  return {
    name: 'Demo cluster',
    description: 'Traffic managers and a simulated gateway running inside the app, on loopback ports.',
    async open(): Promise<OpenedProfile> {
      starting ??= startDemoCluster();
      const cluster = await starting;
      return {
        profile: cluster.profile,
        demo: {
          brokerIds: cluster.nodes.map((n) => n.id),
          kill: (id) => cluster.kill(id),
          restart: (id) => cluster.restart(id),
        },
      };
    },
    async stop() {
      const cluster = await starting;
      starting = undefined;
      await cluster?.stop();
    },
  };
}
