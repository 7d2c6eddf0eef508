import type { CallResponse } from '../../../../electron/core/host/contract';

// What a push would change on each traffic manager, field by field, in words.

type DiffAnswer = Extract<CallResponse<'policies.diff'>, { ok: true }>;
export type TmDiff = DiffAnswer['tms'][number];
export type FieldChange = TmDiff['changes'][number];

export function changeWords(change: FieldChange): string {
  const what = change.path === '(root)' ? 'the whole policy' : change.path;
  switch (change.change) {
    case 'added':
      return change.to === undefined ? change.text : `${what} is added: ${change.to}`;
    case 'removed':
      return change.from === undefined ? change.text : `${what} is removed (was ${change.from})`;
    case 'changed':
      return change.from === undefined || change.to === undefined
        ? change.text
        : `${what} changes from ${change.from} to ${change.to}`;
  }
}

/** The TM's line above its changes: who it is, and what a push does there. */
export function tmDiffHeadline(diff: TmDiff): string {
  const who = diff.tmId && diff.tmId !== diff.brokerId ? `${diff.tmId} (${diff.brokerId})` : diff.brokerId;
  const outcome =
    diff.status === 'in-sync'
      ? 'a push changes nothing'
      : diff.status === 'missing'
        ? 'a push adds it'
        : diff.status === 'unknown'
          ? 'cannot tell what a push changes'
          : diff.changes.length + diff.more === 0
            ? 'a push replaces what it runs'
            : `a push changes ${diff.changes.length + diff.more === 1 ? '1 field' : `${diff.changes.length + diff.more} fields`}`;
  return `${who}: ${outcome}`;
}

export function moreWords(more: number): string | null {
  return more > 0 ? `…and ${more} more ${more === 1 ? 'change' : 'changes'} not listed.` : null;
}
