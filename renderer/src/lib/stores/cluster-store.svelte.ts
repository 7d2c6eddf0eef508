import type { CallResult } from '../../../../electron/core/host/call-result';
import type {
  CommandOutcome,
  EventBatch,
  FailoverStatus,
  LinkSnapshot,
  SwitchEventPayload,
} from '../../../../electron/core/host/contract';
import { callFailureWords } from '../call-failure-words';
import { summarizeHealth, type HealthSummary } from '../cluster-health';
import type { ClientStatus, ContractClient } from '../transport/contract-client';
import { keepNewest, switchKey, TIMELINE_CAP } from './bounded-timeline';
import { CoalescedTask } from './coalesced-task';

const NO_FAILOVER: FailoverStatus = { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false };

/** The outcome of the operator's last pin, unpin or switch, shown inline until the next one. */
export interface LastCommand {
  done: boolean;
  message: string;
}

/**
 * Live state of the cluster: links, failover status and the switch timeline, loaded from
 * `cluster.snapshot` and kept current by `cluster.link`, `cluster.switch` and `cluster.failover`.
 */
export class ClusterStore {
  profileName = $state('');
  links = $state<LinkSnapshot[]>([]);
  failover = $state<FailoverStatus>(NO_FAILOVER);
  /** Newest last, at most `timelineCap` entries. */
  timeline = $state<SwitchEventPayload[]>([]);
  /** Switches of this cluster no longer listed: dropped by the core, or by this page since. */
  timelineDropped = $state(0);
  /** Why the core has no cluster open, in its words; null when one is open. */
  problem = $state<string | null>(null);
  /** Brokers of the embedded demo cluster: their cards offer kill and restart for drills. */
  demoBrokers = $state<string[]>([]);
  hostStatus = $state<ClientStatus>('connecting');
  error = $state<string | null>(null);
  droppedEvents = $state(0);
  commandPending = $state(false);
  lastCommand = $state<LastCommand | null>(null);

  readonly health: HealthSummary = $derived(summarizeHealth(this.links, this.failover));
  /** The timeline as the view lists it. */
  readonly timelineNewestFirst: SwitchEventPayload[] = $derived(this.timeline.toReversed());

  /**
   * Switches in the last snapshot. Events published just before the snapshot was taken can
   * arrive just after it; they are skipped once, until the first switch the snapshot lacks.
   */
  private overlap: readonly string[] = [];
  private readonly reading = new CoalescedTask(() => this.read());

  constructor(
    private readonly client: ContractClient,
    private readonly timelineCap = TIMELINE_CAP,
  ) {}

  connect(): () => void {
    const offEvents = this.client.onEvents((batch) => this.apply(batch));
    const offStatus = this.client.onStatus((status) => {
      this.hostStatus = status;
      if (status === 'open') void this.refresh();
    });
    return () => {
      offEvents();
      offStatus();
    };
  }

  /** Reads the snapshot again: one read at a time, one more after asks that came during it. */
  refresh(): Promise<void> {
    return this.reading.run();
  }

  private async read(): Promise<void> {
    const result = await this.client.call('cluster.snapshot', {});
    if (!result.ok) {
      this.error = `The cluster state could not be loaded: ${result.error.message}`;
      return;
    }
    const snapshot = result.value;
    this.error = null;
    this.profileName = snapshot.profileName;
    this.links = snapshot.links;
    this.failover = snapshot.failover;
    this.problem = snapshot.problem;
    this.demoBrokers = snapshot.demoBrokers;
    const { kept, dropped } = keepNewest(snapshot.timeline, this.timelineCap);
    this.timeline = kept;
    // Counted anew from each snapshot, never added again: the core's drops and ours past the cap.
    this.timelineDropped = snapshot.timelineDropped + dropped;
    this.overlap = kept.map(switchKey);
  }

  apply(batch: EventBatch): void {
    this.droppedEvents += batch.dropped;
    for (const event of batch.events) {
      if (event.name === 'cluster.link') this.applyLink(event.payload);
      else if (event.name === 'cluster.switch') this.applySwitch(event.payload);
      else if (event.name === 'cluster.failover') this.failover = event.payload;
    }
    // A dropped event may have been the last word on the active broker or a link: ask again.
    if (batch.dropped > 0) void this.refresh();
  }

  private applyLink(link: LinkSnapshot): void {
    const index = this.links.findIndex((known) => known.brokerId === link.brokerId);
    if (index >= 0) this.links[index] = link;
  }

  private applySwitch(event: SwitchEventPayload): void {
    const key = switchKey(event);
    if (this.overlap.includes(key)) {
      this.overlap = this.overlap.filter((known) => known !== key);
      return;
    }
    this.overlap = [];
    const { kept, dropped } = keepNewest([...this.timeline, event], this.timelineCap);
    this.timeline = kept;
    this.timelineDropped += dropped;
  }

  pin(brokerId: string): Promise<void> {
    return this.command(`Pin ${this.labelOf(brokerId)}`, () => this.client.call('cluster.pin', { brokerId }));
  }

  unpin(): Promise<void> {
    return this.command('Unpin', () => this.client.call('cluster.unpin', {}));
  }

  switchTo(brokerId: string): Promise<void> {
    return this.command(`Switch to ${this.labelOf(brokerId)}`, () =>
      this.client.call('cluster.switchTo', { brokerId }),
    );
  }

  demoKill(brokerId: string): Promise<void> {
    return this.command(`Kill ${this.labelOf(brokerId)}`, () => this.client.call('demo.kill', { brokerId }));
  }

  demoRestart(brokerId: string): Promise<void> {
    return this.command(`Restart ${this.labelOf(brokerId)}`, () => this.client.call('demo.restart', { brokerId }));
  }

  isDemo(brokerId: string): boolean {
    return this.demoBrokers.includes(brokerId);
  }

  private async command(what: string, send: () => Promise<CallResult<CommandOutcome>>): Promise<void> {
    this.commandPending = true;
    try {
      const result = await send();
      this.lastCommand = result.ok ? result.value : { done: false, message: callFailureWords(what, result.error) };
    } finally {
      this.commandPending = false;
    }
  }

  dismissCommand(): void {
    this.lastCommand = null;
  }

  /** A broker's label for people; its id when the profile no longer has it. */
  labelOf(brokerId: string): string {
    return this.links.find((link) => link.brokerId === brokerId)?.label ?? brokerId;
  }
}
