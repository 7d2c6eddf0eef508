import type { EventBatch } from '../../../../electron/core/host/contract';
import type { PushView } from '../../../../electron/core/policy/push-view-schema';
import { keepLeading, type ListCaps } from '../bounded-list';
import type { Problem } from '../policy/activity-merge';
import { mergePushViews } from '../policy/push-views';
import type { ContractClient } from '../transport/contract-client';

/** The core keeps 50 recent pushes; a push view is at most a few KB, so bytes rarely bind first. */
export const PUSH_CAPS: ListCaps = { count: 50, bytes: 512 * 1024 };
export const PROBLEM_CAPS: ListCaps = { count: 50, bytes: 64 * 1024 };

/**
 * Pushes as they progress (`policies.push` events, and `policies.pushStatus` when the page
 * connects or events were dropped) and the problems the core reports (`policies.problem`).
 * Both lists are newest first and capped; what falls off is counted.
 */
export class PushTracker {
  /** Newest first by start. */
  views = $state<PushView[]>([]);
  /** Pushes this page no longer keeps, the core's own drops included. */
  dropped = $state(0);
  problems = $state<Problem[]>([]);
  problemsDropped = $state(0);
  error = $state<string | null>(null);
  private coreDropped = 0;
  private localDropped = 0;
  private problemSeq = 0;

  constructor(
    private readonly client: ContractClient,
    private readonly clock: () => number = Date.now,
    private readonly caps: ListCaps = PUSH_CAPS,
    private readonly problemCaps: ListCaps = PROBLEM_CAPS,
  ) {}

  connect(): () => void {
    const offEvents = this.client.onEvents((batch) => this.apply(batch));
    const offStatus = this.client.onStatus((status) => {
      if (status === 'open') void this.load();
    });
    return () => {
      offEvents();
      offStatus();
    };
  }

  async load(): Promise<void> {
    const result = await this.client.call('policies.pushStatus', {});
    if (!result.ok) {
      this.error = `Push progress could not be loaded: ${result.error.message}`;
      return;
    }
    this.error = null;
    this.coreDropped = result.value.dropped;
    this.merge(result.value.pushes);
  }

  apply(batch: EventBatch): void {
    const views: PushView[] = [];
    for (const event of batch.events) {
      if (event.name === 'policies.push') views.push(event.payload);
      else if (event.name === 'policies.problem') this.addProblem(event.payload.message);
    }
    if (views.length > 0) this.merge(views);
    // A dropped event may have been a push's last word: ask the core where each one stands.
    if (batch.dropped > 0) void this.load();
  }

  byId(pushId: string | null): PushView | undefined {
    return pushId === null ? undefined : this.views.find((view) => view.pushId === pushId);
  }

  /** The newest push of a policy or blocking condition. */
  latestFor(key: string): PushView | undefined {
    return this.views.find((view) => view.key === key);
  }

  private merge(incoming: readonly PushView[]): void {
    const { kept, dropped } = keepLeading(mergePushViews(this.views, incoming), this.caps);
    this.views = kept;
    this.localDropped += dropped;
    this.dropped = this.localDropped + this.coreDropped;
  }

  private addProblem(message: string): void {
    this.problemSeq += 1;
    const problem: Problem = { seq: this.problemSeq, at: this.clock(), message };
    const { kept, dropped } = keepLeading([problem, ...this.problems], this.problemCaps);
    this.problems = kept;
    this.problemsDropped += dropped;
  }
}
