import { randomBytes } from 'node:crypto';
import type { ClusterSession } from '../../cluster-session';
import type { ThrottleSnapshot } from '../../throttle/delta-types';
import { emptyThrottleCounters } from '../../throttle/empty-counters';
import type { CallHandlers } from '../contract';

type ThrottleCalls = Pick<CallHandlers, 'throttle.page' | 'throttle.rejections' | 'throttle.history'>;

// A snapshot is taken once and served in pages; a UI reading pages slower than this starts over.
const SNAPSHOT_TTL_MS = 30_000;

const EMPTY: ThrottleSnapshot = {
  at: 0,
  deltaSeq: 0,
  rows: [],
  blocks: [],
  keyTemplates: [],
  counters: emptyThrottleCounters(),
  rejections: { counts: [], samples: [] },
  history: [],
};

export function throttleHandlers(session: ClusterSession, clock: () => number): ThrottleCalls {
  let cached: { id: string; takenAt: number; snapshot: ThrottleSnapshot } | undefined;

  function snapshotFor(id: string | undefined): { id: string; snapshot: ThrottleSnapshot } {
    const now = clock();
    if (cached && cached.id === id && now - cached.takenAt < SNAPSHOT_TTL_MS) return cached;
    cached = { id: randomBytes(8).toString('hex'), takenAt: now, snapshot: session.throttle()?.snapshot() ?? EMPTY };
    return cached;
  }

  return {
    'throttle.page'({ snapshotId, cursor, limit }) {
      // A cursor past 0 belongs to a snapshot; without it (or expired) the pages start again.
      const { id, snapshot } = snapshotFor(cursor === 0 ? undefined : snapshotId);
      const start = id === snapshotId ? cursor : 0;
      const rows = snapshot.rows.slice(start, start + limit);
      const end = start + rows.length;
      return {
        snapshotId: id,
        at: snapshot.at,
        deltaSeq: snapshot.deltaSeq,
        total: snapshot.rows.length,
        rows,
        nextCursor: end < snapshot.rows.length ? end : null,
        blocks: snapshot.blocks,
        keyTemplates: snapshot.keyTemplates,
        counters: snapshot.counters,
      };
    },
    'throttle.rejections': () => session.throttle()?.rejections() ?? EMPTY.rejections,
    'throttle.history': ({ limit }) => ({ entries: (session.throttle()?.history() ?? []).slice(-limit).reverse() }),
  };
}
