import type { AppCore } from '../../electron/core/app-core';
import type { LinkSnapshot, LinkState } from '../../electron/core/host/contract';

/**
 * Resolves when the core publishes a link event for `brokerId` in `state` (or the link is already
 * there). Event-driven: no polling sleeps. Rejects after `timeoutMs` with what was seen.
 */
export function waitForLink(
  core: AppCore,
  brokerId: string,
  state: LinkState,
  timeoutMs = 15_000,
): Promise<LinkSnapshot> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const finish = (error: Error | undefined, link?: LinkSnapshot): void => {
      clearTimeout(timer);
      off();
      if (error) reject(error);
      else if (link) resolve(link);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(`${brokerId} did not become ${state} within ${timeoutMs} ms; saw ${seen.join(' → ') || 'nothing'}`),
        ),
      timeoutMs,
    );
    const off = core.events.subscribe((batch) => {
      for (const event of batch.events) {
        if (event.name !== 'cluster.link' || event.payload.brokerId !== brokerId) continue;
        seen.push(event.payload.state);
        if (event.payload.state === state) finish(undefined, event.payload);
      }
    });
    void core.dispatch('cluster.snapshot', {}).then((result) => {
      if (!result.ok) return;
      const link = (result.value as { links: LinkSnapshot[] }).links.find((l) => l.brokerId === brokerId);
      if (link?.state === state) finish(undefined, link);
    });
  });
}
