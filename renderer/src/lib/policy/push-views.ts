import type { PushView } from '../../../../electron/core/policy/push-view-schema';

/**
 * Known push views updated with incoming ones, newest start first. Events and a status answer
 * can cross on the way: a push never steps back to an older view of itself.
 */
export function mergePushViews(known: readonly PushView[], incoming: readonly PushView[]): PushView[] {
  const byId = new Map(known.map((view) => [view.pushId, view]));
  for (const view of incoming) {
    const held = byId.get(view.pushId);
    if (!held || held.updatedAt <= view.updatedAt) byId.set(view.pushId, view);
  }
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
}
