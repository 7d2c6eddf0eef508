import type { EventBatch, LinkSnapshot } from '../../../../electron/core/host/contract';
import type { ClientStatus, ContractClient } from '../transport/contract-client';

/** Live state of the cluster's links, fed by `cluster.snapshot` and `cluster.link` events. */
export class ClusterStore {
  profileName = $state('');
  links = $state<LinkSnapshot[]>([]);
  hostStatus = $state<ClientStatus>('connecting');
  error = $state<string | null>(null);
  droppedEvents = $state(0);

  constructor(private readonly client: ContractClient) {}

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

  async refresh(): Promise<void> {
    const result = await this.client.call('cluster.snapshot', {});
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.error = null;
    this.profileName = result.value.profileName;
    this.links = result.value.links;
  }

  apply(batch: EventBatch): void {
    this.droppedEvents += batch.dropped;
    for (const event of batch.events) {
      if (event.name !== 'cluster.link') continue;
      const index = this.links.findIndex((link) => link.brokerId === event.payload.brokerId);
      if (index >= 0) this.links[index] = event.payload;
    }
  }

  get connectedCount(): number {
    return this.links.filter((link) => link.state === 'connected').length;
  }
}
