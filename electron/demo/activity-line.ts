import type { DemoNode } from './demo-cluster';
import type { GatewayStats } from './gateway/gateway-simulator';

// One line per second of cluster activity for `npm run demo`.

function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

function nodePart(node: DemoNode): string {
  const tm = node.tm;
  if (!tm) return `${node.id} down`;
  const stats = tm.stats();
  const phase = tm.state().phase === 'serving' ? '' : ' (syncing)';
  return `${node.id}${phase} ${Math.round(stats.requestsPerSec)} req/s ${Math.round(stats.decisionsPerSec)} dec/s ${stats.engine.throttledKeys} throttled`;
}

function gatewayPart(nodes: readonly DemoNode[], gateway: GatewayStats): string {
  const { lastSecond, receiver } = gateway;
  const via = nodes.find((node) => node.url === receiver.url)?.id ?? receiver.url;
  const link = receiver.connected ? `via ${via}` : `reconnecting (${via})`;
  const unsent = lastSecond.unsent > 0 ? `, ${lastSecond.unsent} unsent` : '';
  return `gateway ${link}: ${lastSecond.allowed} ok, ${lastSecond.throttled} throttled (429), ${lastSecond.blocked} blocked (403)${unsent}`;
}

export function activityLine(at: number, nodes: readonly DemoNode[], gateway: GatewayStats | undefined): string {
  const parts = nodes.map(nodePart);
  if (gateway) parts.push(gatewayPart(nodes, gateway));
  return `${clockTime(at)}  ${parts.join(' | ')}`;
}
