import type { SwitchEventPayload } from '../../../../electron/core/host/contract';
import type { AuditRecord } from '../../../../electron/core/policy/audit-record-schema';
import type { PushView } from '../../../../electron/core/policy/push-view-schema';
import { switchKey } from '../stores/bounded-timeline';

// Activity: pushes, switches and problems in one list, newest first. A push this page has seen
// live shows its live view; older ones come from the audit log, where one push has a `push`
// record (a TM answered or none could) and usually a `sync` record (the sync watch ended).

type PushRecord = Extract<AuditRecord, { type: 'push' }>;
type SyncRecord = Extract<AuditRecord, { type: 'sync' }>;

export interface Problem {
  /** Unique on the page: the order problems arrived in. */
  seq: number;
  at: number;
  message: string;
}

export type ActivityItem =
  | { type: 'push'; id: string; at: number; view: PushView }
  | { type: 'audit'; id: string; at: number; push: PushRecord | null; sync: SyncRecord | null }
  | { type: 'switch'; id: string; at: number; event: SwitchEventPayload }
  | { type: 'problem'; id: string; at: number; message: string };

export interface ActivitySources {
  pushes: readonly PushView[];
  records: readonly AuditRecord[];
  switches: readonly SwitchEventPayload[];
  problems: readonly Problem[];
}

/** When a push began: audit records are written when it was answered or when its sync ended. */
function auditStart(push: PushRecord | null, sync: SyncRecord | null): number {
  if (push) return push.at - (push.latencyMs ?? 0);
  return sync ? sync.at - sync.afterMs : 0;
}

function auditItems(records: readonly AuditRecord[], live: ReadonlySet<string>): ActivityItem[] {
  const byPush = new Map<string, { push: PushRecord | null; sync: SyncRecord | null }>();
  for (const record of records) {
    if (live.has(record.pushId)) continue;
    const entry = byPush.get(record.pushId) ?? { push: null, sync: null };
    if (record.type === 'push') entry.push = record;
    else entry.sync = record;
    byPush.set(record.pushId, entry);
  }
  return [...byPush].map(([pushId, { push, sync }]) => ({
    type: 'audit',
    id: `push:${pushId}`,
    at: auditStart(push, sync),
    push,
    sync,
  }));
}

/** Switches carry no id; two equal ones are told apart by how many came before. */
function switchItems(switches: readonly SwitchEventPayload[]): ActivityItem[] {
  const seen = new Map<string, number>();
  return switches.map((event) => {
    const key = switchKey(event);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { type: 'switch', id: `switch:${key}:${n}`, at: event.at, event };
  });
}

const ORDER: Record<ActivityItem['type'], number> = { problem: 0, push: 1, audit: 1, switch: 2 };

/** Every source in one newest-first list of at most `cap` items, and how many were left out. */
export function mergeActivity(sources: ActivitySources, cap: number): { items: ActivityItem[]; left: number } {
  const live = new Set(sources.pushes.map((p) => p.pushId));
  const items: ActivityItem[] = [
    ...sources.pushes.map((view): ActivityItem => ({
      type: 'push',
      id: `push:${view.pushId}`,
      at: view.startedAt,
      view,
    })),
    ...auditItems(sources.records, live),
    ...switchItems(sources.switches),
    ...sources.problems.map((problem): ActivityItem => ({
      type: 'problem',
      id: `problem:${problem.seq}`,
      at: problem.at,
      message: problem.message,
    })),
  ];
  items.sort((a, b) => b.at - a.at || ORDER[a.type] - ORDER[b.type]);
  return { items: items.slice(0, cap), left: Math.max(0, items.length - cap) };
}
