/**
 * jsdom has no layout and no ResizeObserver, which Svelte's `bind:clientWidth` needs. This one
 * never reports a size, so components keep their no-layout fallback.
 */
export function installResizeObserver(): void {
  if ('ResizeObserver' in globalThis) return;
  Object.defineProperty(globalThis, 'ResizeObserver', {
    configurable: true,
    value: class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  });
}
