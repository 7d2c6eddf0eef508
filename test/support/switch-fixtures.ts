import type { FailoverStatus, SwitchEventPayload } from '../../electron/core/host/contract';

/** A switch event; tests override what they care about. */
export function switchEvent(overrides: Partial<SwitchEventPayload> = {}): SwitchEventPayload {
  return { at: 0, from: null, to: 'tm1', reason: 'first-connect', detectedAfterMs: 0, ...overrides };
}

export function failoverStatus(overrides: Partial<FailoverStatus> = {}): FailoverStatus {
  return { mode: 'priority', active: null, pinned: null, manual: false, unreachable: false, ...overrides };
}
