import type { TmState } from './control-message';
import { reportedEntry } from './policy-key';

// What a traffic manager must report once a change has reached it: a deploy is there at its
// revision with its digest; an undeploy or a removal is gone.

export interface SyncTarget {
  key: string;
  present: boolean;
  revision: number;
  /** The pushed content's digest; null for removals. */
  digest: string | null;
}

export type Holding = { holds: true } | { holds: false; reason: string };

const short = (digest: string): string => digest.slice(0, 8);

/** Whether `state` shows `target`; when not, why not in words. */
export function judgeHolding(state: TmState, target: SyncTarget): Holding {
  const entry = reportedEntry(state, target.key);
  if (!target.present) {
    return entry ? { holds: false, reason: `still runs revision ${entry.revision}` } : { holds: true };
  }
  if (!entry) return { holds: false, reason: 'does not have it' };
  if (entry.revision === target.revision && entry.digest === target.digest) return { holds: true };
  if (entry.revision === target.revision)
    return { holds: false, reason: `runs revision ${entry.revision} with other content (${short(entry.digest)})` };
  return {
    holds: false,
    reason: `runs revision ${entry.revision}${entry.revision > target.revision ? ' (newer)' : ''}`,
  };
}
