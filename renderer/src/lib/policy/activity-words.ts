import { detectionWords, SWITCH_REASON_WORDS } from '../switch-reason-words';
import type { ActivityItem } from './activity-merge';
import type { Tone } from '../tone';
import { controlTitle, phaseTone, phaseWords, pushSteps } from './push-progress';

// An activity entry in words: what kind of entry, what happened, its state, and the detail.

export interface ActivityWords {
  label: 'Push' | 'Switch' | 'Problem';
  title: string;
  state: string;
  tone: Tone;
  detail: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function auditWords(item: Extract<ActivityItem, { type: 'audit' }>): ActivityWords {
  const { push, sync } = item;
  const any = push ?? sync;
  const title = any ? controlTitle(any) : 'Push';
  const details: string[] = [];
  if (push) {
    details.push(`by ${push.user} (${push.source === 'cli' ? 'command line' : 'console'})`);
    if (push.ackedBy)
      details.push(
        `acknowledged by ${push.ackedBy.tmId} after ${plural(push.failovers, 'failover')}${push.latencyMs === null ? '' : ` in ${Math.round(push.latencyMs)} ms`}`,
      );
    details.push(...push.reasons);
  }
  if (sync?.outcome === 'lagging')
    details.push(`lagging: ${sync.lagging.map((l) => `${l.tmId ?? l.brokerId} (${l.reason})`).join(', ')}`);
  if (sync)
    return {
      label: 'Push',
      title,
      state:
        sync.outcome === 'synced'
          ? `synced ${sync.synced}/${sync.total}`
          : `lagging: synced ${sync.synced}/${sync.total}`,
      tone: sync.outcome === 'synced' ? 'ok' : 'warn',
      detail: details.join(' · '),
    };
  const outcome = push?.outcome ?? 'failed';
  return {
    label: 'Push',
    title,
    state: outcome,
    tone: outcome === 'acknowledged' ? 'ok' : 'bad',
    detail: details.join(' · '),
  };
}

export function activityWords(item: ActivityItem, labelOf: (brokerId: string) => string): ActivityWords {
  switch (item.type) {
    case 'push':
      return {
        label: 'Push',
        title: controlTitle(item.view),
        state: phaseWords(item.view),
        tone: phaseTone(item.view),
        detail: pushSteps(item.view)
          .filter((step) => step.id !== 'synced' || step.state !== 'done')
          .flatMap((step) => [step.text, ...step.details])
          .join(' · '),
      };
    case 'audit':
      return auditWords(item);
    case 'switch': {
      const name = (id: string | null): string => (id === null ? 'none' : labelOf(id));
      return {
        label: 'Switch',
        title: `Active traffic manager: ${name(item.event.from)} → ${name(item.event.to)}`,
        state: SWITCH_REASON_WORDS[item.event.reason],
        tone: item.event.reason === 'died' || item.event.reason === 'partition' ? 'warn' : 'neutral',
        detail: detectionWords(item.event) ?? '',
      };
    }
    case 'problem':
      return { label: 'Problem', title: item.message, state: 'problem', tone: 'bad', detail: '' };
  }
}
