// `npm run bench:ui`: the built renderer in Chromium, fed through the web host at 20,000
// decisions/s into 100,000 live keys. An embedded aedes broker is the profile's only broker; a
// publisher sends WSO2 decision envelopes round robin over the keys, each pass a later window.
// Once the core holds every key, the page scrolls the Throttled now table for 10 s while every
// animation frame's delta is recorded. Prints p50/p95/max frame time, the p95 in whole
// refreshes, JS heap, decisions/s as the page shows them, rows listed and rendered; the same
// figures as JSON in test/artifacts/bench-ui.json. `--cpuprofile` also writes the page's CPU
// profile of the run (test/artifacts/bench-ui.cpuprofile, for Chrome DevTools).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedBroker } from '../../electron/demo/embedded-broker';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost } from '../support/web-host-process';
import { formatTable, refreshGrid, summarize } from './bench-stats';
import { startDecisionFeed } from './ui-decision-feed';
import { scrollAndMeasure } from './ui-page-probe';

const RATE = 20_000;
const KEYS = 100_000;
const MEASURE_MS = 10_000;
const PIXELS_PER_FRAME = 84;
const WARM_UP_DEADLINE_MS = 90_000;
// rAF deltas jitter by a few tenths around 16.67 ms at 60 Hz; a frame at least this long
// missed a refresh.
const MISSED_FRAME_MS = 25;
// The goal's 16.7 ms is one refresh at 60 Hz; a median interval above this is not a 60 Hz grid.
const SIXTY_HZ_MAX_PERIOD_MS = 17;
const ARTIFACTS = 'test/artifacts';
const TOPIC = 'throttleData';

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function main(): Promise<void> {
  const chromium = chromiumTool();
  if (!chromium.available || !chromium.path) throw new Error(`bench:ui needs Chromium: ${chromium.reason}`);
  const cpuProfile = process.argv.includes('--cpuprofile');

  console.log('Building the app…');
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'ignore' });

  const broker = await startEmbeddedBroker();
  const dir = await mkdtemp(join(tmpdir(), 'tmc-bench-ui-'));
  const profilePath = join(dir, 'profile.json');
  await writeFile(
    profilePath,
    JSON.stringify({ name: 'UI bench', brokers: [{ id: 'tm1', label: 'Bench broker', url: broker.url }] }),
  );
  const host = await startBuiltWebHost(['--profile', profilePath, '--data-dir', dir]);
  const feed = await startDecisionFeed({ url: broker.url, topic: TOPIC, rate: RATE, keys: KEYS });
  const browser = await launchChromium(chromium.path);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(host.url);
    await page.keyboard.press('Alt+2');
    await page.getByTestId('throttle-table').waitFor();

    console.log(`Feeding ${RATE.toLocaleString('en-US')} decisions/s over ${KEYS.toLocaleString('en-US')} keys…`);
    const warmUpStart = Date.now();
    for (;;) {
      const throttled = Number((await page.getByTestId('count-throttled').textContent())?.replace(/\D/g, ''));
      if (throttled >= KEYS) break;
      if (Date.now() - warmUpStart > WARM_UP_DEADLINE_MS)
        throw new Error(`the page counted ${throttled} throttled keys after ${WARM_UP_DEADLINE_MS / 1000} s`);
      await page.waitForTimeout(500);
    }
    console.log(
      `All keys live after ${round((Date.now() - warmUpStart) / 1000)} s; measuring for ${MEASURE_MS / 1000} s…`,
    );

    const heap: number[] = [];
    const heapSampler = setInterval(() => {
      cdp
        .send('Performance.getMetrics')
        .then(({ metrics }) => {
          const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
          if (used !== undefined) heap.push(used);
        })
        .catch(() => undefined);
    }, 1_000);
    if (cpuProfile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const publishedBefore = feed.published;
    const measureStart = Date.now();
    const run = await scrollAndMeasure(page, MEASURE_MS, PIXELS_PER_FRAME);
    const publishedRate = ((feed.published - publishedBefore) * 1000) / (Date.now() - measureStart);
    clearInterval(heapSampler);
    await mkdir(ARTIFACTS, { recursive: true });
    if (cpuProfile) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(`${ARTIFACTS}/bench-ui.cpuprofile`, JSON.stringify(profile));
    }
    await page.screenshot({ path: `${ARTIFACTS}/bench-ui.png` });

    const frames = summarize(run.frames);
    const grid = refreshGrid(run.frames);
    const last = run.samples.at(-1);
    const figures = {
      rate: RATE,
      keys: KEYS,
      seconds: MEASURE_MS / 1000,
      frames: frames.n,
      frameMs: { p50: round(frames.p50), p95: round(frames.p95), max: round(frames.max) },
      refreshMs: round(grid.periodMs, 2),
      frameP95OnRefreshGrid: { refreshes: grid.p95Refreshes, ms: round(grid.p95Ms) },
      framesMissingRefresh: run.frames.filter((ms) => ms >= MISSED_FRAME_MS).length,
      heapMB: {
        max: round(Math.max(...heap) / 2 ** 20),
        last: round((heap.at(-1) ?? 0) / 2 ** 20),
      },
      publishedPerSec: Math.round(publishedRate),
      decisionsPerSecShown: Math.round(mean(run.samples.map((s) => s.decisionsPerSec))),
      throttledShown: last?.throttled ?? 0,
      rowsListed: last?.listed ?? 0,
      rowsRendered: Math.max(...run.samples.map((s) => s.rendered)),
      resyncs: last?.resyncs ?? 0,
      lastResyncReason: last?.resyncReason ?? '',
      scrolledPx: run.scrolled,
    };
    console.log(
      formatTable(
        ['figure', 'value'],
        [
          ['frame time p50 (ms)', figures.frameMs.p50],
          ['frame time p95 (ms)', figures.frameMs.p95],
          ['frame time max (ms)', figures.frameMs.max],
          [
            `frame time p95 in whole refreshes of ${figures.refreshMs} ms`,
            `${figures.frameP95OnRefreshGrid.refreshes} (${figures.frameP95OnRefreshGrid.ms} ms)`,
          ],
          [
            `frames (of them ≥ ${MISSED_FRAME_MS} ms: a refresh missed)`,
            `${figures.frames} (${figures.framesMissingRefresh}, ${round((100 * figures.framesMissingRefresh) / figures.frames)} %)`,
          ],
          ['JS heap max / last (MB)', `${figures.heapMB.max} / ${figures.heapMB.last}`],
          ['decisions/s published', figures.publishedPerSec],
          ['decisions/s shown by the page', figures.decisionsPerSecShown],
          ['throttled keys shown', figures.throttledShown],
          ['rows listed / in the DOM', `${figures.rowsListed} / ${figures.rowsRendered}`],
          ['table reloads after missed updates', figures.resyncs],
          ['  the last one because', figures.lastResyncReason || '-'],
        ],
      ),
    );
    // Raw rAF deltas jitter around the refresh period: the goal is judged on whole refreshes.
    console.log(
      `Goal: p95 ≤ 16.7 ms, i.e. 95 % of frames make the next refresh — ` +
        `${grid.p95Refreshes === 1 && grid.periodMs < SIXTY_HZ_MAX_PERIOD_MS ? 'met' : 'not met'} ` +
        `(raw rAF p95 ${figures.frameMs.p95} ms, of which tenths are timer jitter).`,
    );
    await writeFile(`${ARTIFACTS}/bench-ui.json`, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await feed.stop();
    await host.stop();
    await broker.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:ui: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
