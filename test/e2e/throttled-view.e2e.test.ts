import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost, type WebHostProcess } from '../support/web-host-process';

const chromiumBinary = chromiumTool();
const ARTIFACTS = 'test/artifacts';

/** "1:02:09" or "0:42" in seconds. */
function seconds(countdown: string | null): number {
  return (countdown ?? '').split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

describe.skipIf(!chromiumBinary.available)('Throttled now on the demo cluster, in Chromium', () => {
  let dataDir: string;
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // No stored profile and no --profile: the web host opens the built-in demo cluster.
    dataDir = await mkdtemp(join(tmpdir(), 'tmc-e2e-throttled-'));
    host = await startBuiltWebHost(['--data-dir', dataDir]);
    browser = await launchChromium(chromiumBinary.path ?? '');
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const rows = () => page.getByTestId('throttle-row');
  const row = (key: string) => page.locator(`[data-testid="throttle-row"][data-key="${key}"]`);
  const shownKeys = () => rows().evaluateAll((elements) => elements.map((e) => e.getAttribute('data-key')));
  const cellTexts = (column: number) =>
    rows().evaluateAll(
      (elements, n) => [...new Set(elements.map((e) => e.querySelectorAll('[role="gridcell"]')[n]?.textContent))],
      column,
    );
  const number = async (testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/\D/g, ''));

  /**
   * The key with the most time left, once it has a few seconds: the demo's windows are short
   * (a second to a minute), and a step that reads a key must not see it end halfway.
   */
  const longestLivedKey = async (): Promise<string> => {
    await page.getByTestId('sort-order').selectOption('expiry-desc');
    const first = rows().first();
    const left = async () =>
      seconds(
        await first
          .getByTestId('expires-in')
          .textContent({ timeout: 1_000 })
          .catch(() => '0:00'),
      );
    await expect.poll(left, { timeout: 70_000 }).toBeGreaterThanOrEqual(3);
    return (await first.getAttribute('data-key')) ?? '';
  };

  it('fills with the keys the demo throttles, and counts them in the top bar', { timeout: 90_000 }, async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('Demo cluster');
    await page.keyboard.press('Alt+2');
    expect(await page.getByRole('main').getAttribute('aria-label')).toBe('Throttled now');
    await rows().first().waitFor({ timeout: 60_000 });
    // Demo windows can be a second long: rows and the count may briefly disagree as keys end.
    await expect.poll(() => number('count-throttled'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => cellTexts(3), { timeout: 60_000 }).toContain('Throttled');
  });

  it('counts a key’s window down', { timeout: 90_000 }, async () => {
    const countdown = row(await longestLivedKey()).getByTestId('expires-in');
    const before = seconds(await countdown.textContent());
    expect(before).toBeGreaterThan(1);
    await expect.poll(async () => seconds(await countdown.textContent()), { timeout: 5_000 }).toBeLessThan(before);
  });

  it('narrows to a level from its chip, and to one key by search', { timeout: 90_000 }, async () => {
    const key = await longestLivedKey();
    const level = (await row(key).locator('[role="gridcell"]').nth(1).textContent()) ?? '';
    const chip = page.locator(`[data-testid="level-chip"][data-level="${level.toLowerCase()}"]`);
    expect(Number((await chip.textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await chip.click();
    await expect.poll(() => cellTexts(1)).toEqual([level]);
    await page.locator('[data-testid="level-chip"][data-level="all"]').click();

    await page.getByTestId('filter-search').fill(key);
    await expect.poll(shownKeys).toEqual([key]);
    expect(await page.getByTestId('rows-shown').textContent()).toMatch(/^\s*Showing 1 of /);
    await page.getByTestId('clear-filters').click();
    expect(await page.getByTestId('filter-search').inputValue()).toBe('');
  });

  it('explains the selected key in the why panel', { timeout: 90_000 }, async () => {
    const key = await longestLivedKey();
    await row(key).click();
    expect(await page.getByTestId('why-key').textContent()).toBe(key);
    expect(await page.getByTestId('why-level').textContent()).toMatch(/policy|rule/);
    expect(await page.getByTestId('why-reported').textContent()).toMatch(/^Reported by Traffic manager/);
    await page.getByTestId('sort-order').selectOption('expiry-asc');
    await page.screenshot({ path: `${ARTIFACTS}/throttled-now.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS}/throttled-now-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('pauses the list and says how many changes arrived meanwhile', { timeout: 90_000 }, async () => {
    await page.getByTestId('pause-toggle').click();
    await expect.poll(() => number('paused-note'), { timeout: 65_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/throttled-now-paused.png` });
    await page.getByTestId('pause-toggle').click();
    await page.getByTestId('paused-note').waitFor({ state: 'detached' });
  });

  it('shows the blocking conditions and rejected input on Alt+3', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByTestId('no-rejections').waitFor();
    await expect
      .poll(() => page.getByTestId('rejected-input').textContent())
      .toContain('Every payload on the decision topic was readable.');
    await page.screenshot({ path: `${ARTIFACTS}/blocking.png` });
  });
});
