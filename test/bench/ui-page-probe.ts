import type { Page } from 'playwright-core';

export interface PageSample {
  /** Milliseconds since the measurement started. */
  at: number;
  /** The top bar's figures as the operator reads them. */
  throttled: number;
  decisionsPerSec: number;
  /** "Showing N of M": rows in the (filtered) list, and rows in the DOM window. */
  listed: number;
  rendered: number;
  resyncs: number;
  /** Why the page last read the whole table again. */
  resyncReason: string;
}

/** The little of the page's DOM the probe uses: bench code is compiled without the DOM library. */
interface ProbeNode {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly textContent: string | null;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): ProbeNode | null;
    querySelectorAll(selector: string): { length: number };
  };
  requestAnimationFrame(callback: (now: number) => void): number;
}

export interface FrameRun {
  /** requestAnimationFrame deltas, ms. */
  frames: number[];
  samples: PageSample[];
  /** Pixels scrolled in all. */
  scrolled: number;
}

/**
 * Scrolls the throttle table continuously (a few rows per frame, back to the top at the end)
 * for `durationMs` and records every animation frame's delta, and the page's figures twice a
 * second. Runs inside the page.
 */
export async function scrollAndMeasure(page: Page, durationMs: number, pixelsPerFrame: number): Promise<FrameRun> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`: the page
  // needs that helper to run the function below.
  await page.evaluate('globalThis.__name = (fn) => fn');
  return page.evaluate(
    ({ durationMs, pixelsPerFrame }) =>
      new Promise<FrameRun>((resolve, reject) => {
        const win = globalThis as unknown as PageGlobals;
        const document = win.document;
        const viewport = document.querySelector('[data-testid="throttle-table"] .viewport');
        if (!viewport) {
          reject(new Error('no throttle table on the page'));
          return;
        }
        const digits = (testId: string): number =>
          Number((document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '').replace(/[^\d.]/g, ''));
        const frames: number[] = [];
        const samples: PageSample[] = [];
        const start = performance.now();
        let last = start;
        let scrolled = 0;
        // Read once: reading layout every frame would force a layout real scrolling does not.
        const bottom = viewport.scrollHeight - viewport.clientHeight;
        let top = viewport.scrollTop;
        const sample = (): void => {
          const shown = document.querySelector('[data-testid="rows-shown"]')?.textContent ?? '';
          const resync = document.querySelector('[data-testid="resync-note"]')?.textContent ?? '';
          samples.push({
            at: Math.round(performance.now() - start),
            throttled: digits('count-throttled'),
            decisionsPerSec: digits('count-rate'),
            listed: Number((/Showing ([\d,]+)/.exec(shown)?.[1] ?? '0').replace(/,/g, '')),
            rendered: document.querySelectorAll('[data-testid="throttle-row"]').length,
            resyncs: /once/.test(resync) ? 1 : Number(/([\d,]+) times/.exec(resync)?.[1]?.replace(/,/g, '') ?? 0),
            resyncReason: /\(last: (.*)\)/.exec(resync.replace(/\s+/g, ' '))?.[1] ?? '',
          });
        };
        const sampler = setInterval(sample, 500);
        const frame = (now: number): void => {
          frames.push(now - last);
          last = now;
          top = top + pixelsPerFrame >= bottom ? 0 : top + pixelsPerFrame;
          viewport.scrollTop = top;
          scrolled += pixelsPerFrame;
          if (now - start < durationMs) win.requestAnimationFrame(frame);
          else {
            clearInterval(sampler);
            sample();
            resolve({ frames: frames.slice(1), samples, scrolled });
          }
        };
        win.requestAnimationFrame((now) => {
          last = now;
          win.requestAnimationFrame(frame);
        });
      }),
    { durationMs, pixelsPerFrame },
  );
}
