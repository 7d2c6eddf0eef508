import type { ClusterEvent } from '../core/cluster/cluster';
import type { LinkSnapshot } from '../core/host/contract';

/**
 * The lines `tmc status --watch` and `tmc watch` print for link changes and switches. Link events
 * also carry the periodic metric rounds: only a change of state is printed.
 */
export function clusterEventLines(
  json: boolean,
  known: readonly LinkSnapshot[] = [],
): (event: ClusterEvent) => string | undefined {
  const lastState = new Map(known.map((link) => [link.brokerId, link.state]));
  return (event) => {
    if (event.type === 'link') {
      const { link } = event;
      if (lastState.get(link.brokerId) === link.state) return undefined;
      lastState.set(link.brokerId, link.state);
      if (json) return JSON.stringify({ type: 'link', ...link });
      return `${new Date(link.since).toISOString()} ${link.brokerId} ${link.state}${link.lastError ? `: ${link.lastError}` : ''}`;
    }
    if (event.type === 'switch') {
      const s = event.event;
      if (json) return JSON.stringify({ type: 'switch', ...s });
      return `${new Date(s.at).toISOString()} active ${s.from ?? 'none'} → ${s.to ?? 'none'} (${s.reason}, detected after ${s.detectedAfterMs} ms)`;
    }
    return undefined;
  };
}
