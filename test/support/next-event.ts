/**
 * Resolves with the first event `subscribe` delivers from now on that `pick` turns into a value.
 * Event-driven: no polling. Rejects after `timeoutMs` naming what it waited for and the last
 * events seen (as `describe` words them), so a failure says what happened instead.
 */
export function nextEvent<E, T>(options: {
  subscribe: (listener: (event: E) => void) => () => void;
  pick: (event: E) => T | undefined;
  what: string;
  describe?: (event: E) => string | undefined;
  timeoutMs: number;
  /** How many of the last events seen the error lists. */
  keep?: number;
}): Promise<T> {
  const { subscribe, pick, what, describe, timeoutMs, keep = 20 } = options;
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => {
      off();
      const saw = describe ? `; saw: ${seen.slice(-keep).join(', ') || 'nothing'}` : '';
      reject(new Error(`no matching ${what} within ${timeoutMs} ms${saw}`));
    }, timeoutMs);
    const off = subscribe((event) => {
      const value = pick(event);
      if (value !== undefined) {
        clearTimeout(timer);
        off();
        resolve(value);
        return;
      }
      const words = describe?.(event);
      if (words !== undefined) seen.push(words);
    });
  });
}
