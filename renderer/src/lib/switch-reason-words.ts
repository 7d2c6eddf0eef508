import type { SwitchEventPayload } from '../../../electron/core/host/contract';

type SwitchReason = SwitchEventPayload['reason'];

export const SWITCH_REASON_WORDS: Record<SwitchReason, string> = {
  died: 'died',
  partition: 'network partition / frozen',
  manual: 'manual switch',
  failback: 'failback',
  pinned: 'pinned',
  'first-connect': 'first connection',
};

/** Only a fault has a detection time; operator and policy switches carry 0 and say nothing. */
export function detectionWords(event: SwitchEventPayload): string | null {
  return event.reason === 'died' || event.reason === 'partition'
    ? `detected after ${Math.round(event.detectedAfterMs)} ms`
    : null;
}
