import type { KeyState } from './key-state';

/**
 * Keys waiting for the other brokers to confirm their current version, in arrival order (so
 * roughly by deadline). A key is queued at most once: when its version changes while queued, the
 * old entry comes due first and the caller queues it again for the new deadline.
 */
export class GraceQueue {
  private states: KeyState[] = [];
  private deadlines: number[] = [];
  private head = 0;

  get size(): number {
    return this.states.length - this.head;
  }

  push(state: KeyState, deadline: number): void {
    if (state.queued) return;
    state.queued = true;
    this.states.push(state);
    this.deadlines.push(deadline);
  }

  /** The next key whose queued deadline is ≤ now, taken off the queue; undefined when none. */
  due(now: number): KeyState | undefined {
    if (this.head >= this.states.length || (this.deadlines[this.head] ?? Infinity) > now) return undefined;
    const state = this.states[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.states.length) {
      this.states = this.states.slice(this.head);
      this.deadlines = this.deadlines.slice(this.head);
      this.head = 0;
    }
    if (state) state.queued = false;
    return state;
  }
}
