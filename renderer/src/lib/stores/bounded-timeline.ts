import type { SwitchEventPayload } from '../../../../electron/core/host/contract';

/**
 * Switch entries are small and fixed in shape (about 150 bytes as JSON), so the count cap bounds
 * the bytes as well.
 */
export const TIMELINE_CAP = 200;

export interface Kept<T> {
  kept: T[];
  dropped: number;
}

/** The newest `cap` entries of a newest-last list, and how many older ones fell off. */
export function keepNewest<T>(list: readonly T[], cap: number): Kept<T> {
  const dropped = Math.max(0, list.length - cap);
  return { kept: list.slice(dropped), dropped };
}

/** Identity of a switch: the contract gives switches no id, and two equal ones cannot be told apart. */
export function switchKey(event: SwitchEventPayload): string {
  return `${event.at}|${event.from ?? ''}|${event.to ?? ''}|${event.reason}`;
}
