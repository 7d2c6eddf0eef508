import type { FailoverStatus, LinkSnapshot } from '../../../electron/core/host/contract';

export type ClusterHealth = 'healthy' | 'degraded' | 'down' | 'unreachable' | 'empty';

export interface HealthSummary {
  health: ClusterHealth;
  label: string;
  /** What the operator can do next; null when there is nothing to do. */
  advice: string | null;
}

/** The top bar's one-word verdict over every link, and the policy's "unreachable" flag. */
export function summarizeHealth(links: readonly LinkSnapshot[], failover: FailoverStatus): HealthSummary {
  const total = links.length;
  const connected = links.filter((link) => link.state === 'connected').length;
  if (failover.unreachable)
    return {
      health: 'unreachable',
      label: 'All traffic managers unreachable',
      advice:
        'Every traffic manager failed all its attempts. The console keeps retrying; check that the brokers run and that this machine can reach them.',
    };
  if (total === 0) return { health: 'empty', label: 'No traffic managers', advice: 'Open a profile with brokers.' };
  if (connected === total) return { health: 'healthy', label: 'All healthy', advice: null };
  if (connected === 0)
    return {
      health: 'down',
      label: 'All down',
      advice: 'No traffic manager is connected. The console keeps retrying; each card says why its link failed.',
    };
  return {
    health: 'degraded',
    label: `Degraded: ${connected}/${total} connected`,
    advice: 'Traffic keeps flowing through the connected traffic managers; the others retry by themselves.',
  };
}
