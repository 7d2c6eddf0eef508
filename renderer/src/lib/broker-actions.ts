import type { FailoverStatus, LinkSnapshot } from '../../../electron/core/host/contract';

export interface ActionAvailability {
  enabled: boolean;
  /** Why the button is disabled, or what it will do: shown as its title. */
  reason: string;
}

export interface BrokerActions {
  switchTo: ActionAvailability;
  pin: ActionAvailability & { kind: 'pin' | 'unpin' };
}

const BUSY = 'Waiting for the previous command to finish.';

/**
 * What the operator may do with one broker right now, mirroring the failover policy's own
 * refusals so a disabled button says why before the core would have to.
 */
export function brokerActions(
  link: LinkSnapshot,
  failover: FailoverStatus,
  labelOf: (brokerId: string) => string,
  busy: boolean,
): BrokerActions {
  return {
    switchTo: switchToAvailability(link, failover, labelOf, busy),
    pin: pinAvailability(link, failover, labelOf, busy),
  };
}

function switchToAvailability(
  link: LinkSnapshot,
  failover: FailoverStatus,
  labelOf: (brokerId: string) => string,
  busy: boolean,
): ActionAvailability {
  if (failover.active === link.brokerId)
    return { enabled: false, reason: `${link.label} is already the active traffic manager.` };
  if (link.state !== 'connected')
    return {
      enabled: false,
      reason: `${link.label} is not connected: the console can only switch to a connected traffic manager.`,
    };
  if (failover.pinned !== null && failover.pinned !== link.brokerId)
    return {
      enabled: false,
      reason: `${labelOf(failover.pinned)} is pinned: unpin it before switching by hand.`,
    };
  if (busy) return { enabled: false, reason: BUSY };
  return {
    enabled: true,
    reason: `Make ${link.label} the active traffic manager. A manual switch stays until the next fault: no failback.`,
  };
}

function pinAvailability(
  link: LinkSnapshot,
  failover: FailoverStatus,
  labelOf: (brokerId: string) => string,
  busy: boolean,
): BrokerActions['pin'] {
  const kind = failover.pinned === link.brokerId ? 'unpin' : 'pin';
  if (busy) return { kind, enabled: false, reason: BUSY };
  if (kind === 'unpin')
    return { kind, enabled: true, reason: `Unpin ${link.label}: the failover policy chooses the active one again.` };
  const instead = failover.pinned === null ? '' : ` instead of ${labelOf(failover.pinned)}`;
  const when = link.state === 'connected' ? '' : ' It becomes active when it connects.';
  return {
    kind,
    enabled: true,
    reason: `Pin ${link.label}${instead}: it stays active whatever the failover policy prefers.${when}`,
  };
}

/** The store side of the card buttons; the ClusterStore is one. */
export interface BrokerCommands {
  readonly commandPending: boolean;
  labelOf(brokerId: string): string;
  switchTo(brokerId: string): Promise<void>;
  pin(brokerId: string): Promise<void>;
  unpin(): Promise<void>;
  /** Whether the broker belongs to the embedded demo cluster, which can be killed and restarted. */
  isDemo(brokerId: string): boolean;
  demoKill(brokerId: string): Promise<void>;
  demoRestart(brokerId: string): Promise<void>;
}
