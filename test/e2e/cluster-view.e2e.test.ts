import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost, type WebHostProcess } from '../support/web-host-process';

const chromiumBinary = chromiumTool();

describe.skipIf(!chromiumBinary.available)('cluster view in Chromium through the web host', () => {
  let brokers: EmbeddedBroker[] = [];
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    const dir = await mkdtemp(join(tmpdir(), 'tmc-e2e-'));
    const profilePath = join(dir, 'profile.json');
    await writeFile(
      profilePath,
      JSON.stringify({
        name: 'E2E cluster',
        brokers: brokers.map((b, i) => ({ id: `tm${i + 1}`, label: `Traffic manager ${i + 1}`, url: b.url })),
      }),
    );
    host = await startBuiltWebHost(['--profile', profilePath, '--data-dir', dir]);
    browser = await launchChromium(chromiumBinary.path ?? '');
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await Promise.all(brokers.map((b) => b.close()));
  });

  const card = (id: string) => page.locator(`[data-testid="broker-card"][data-broker="${id}"]`);

  it('shows one card per broker, all connected', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('E2E cluster');
    await card('tm1').and(page.locator('[data-state="connected"]')).waitFor();
    await card('tm2').and(page.locator('[data-state="connected"]')).waitFor();
    expect(await page.getByTestId('broker-card').count()).toBe(2);
    await expect.poll(() => page.getByTestId('health-pill').getAttribute('data-health')).toBe('healthy');
  });

  it('shows a killed broker go down with its reason, then come back', async () => {
    await brokers[1]?.kill();
    await card('tm2').and(page.locator('[data-state="down"]')).waitFor();
    expect(await card('tm2').getByTestId('link-error').textContent()).toBe(
      'connection refused: nothing is listening at that address',
    );
    await expect.poll(() => page.getByTestId('health-pill').getAttribute('data-health')).toBe('degraded');
    await mkdir('test/artifacts', { recursive: true });
    await page.screenshot({ path: 'test/artifacts/cluster-degraded.png', fullPage: true });

    await brokers[1]?.restart();
    await card('tm2').and(page.locator('[data-state="connected"]')).waitFor();
    await page.screenshot({ path: 'test/artifacts/cluster-healthy.png', fullPage: true });
  });

  it('moves the active marker on "Make active" and records a manual switch in the timeline', async () => {
    await card('tm1').getByTestId('active-marker').waitFor();
    expect(await card('tm2').getByTestId('active-marker').count()).toBe(0);
    await expect.poll(() => page.getByTestId('switch-entry').first().getAttribute('data-reason')).toBe('first-connect');

    await card('tm2').getByTestId('make-active').click();

    await card('tm2').getByTestId('active-marker').waitFor();
    expect(await card('tm1').getByTestId('active-marker').count()).toBe(0);
    await expect.poll(() => page.getByTestId('active-broker').textContent()).toBe('Traffic manager 2');
    const newest = page.getByTestId('switch-entry').first();
    await expect.poll(() => newest.getAttribute('data-reason')).toBe('manual');
    expect(await newest.textContent()).toMatch(/Traffic manager 1 → Traffic manager 2\s*manual switch$/);
    await expect.poll(() => page.getByTestId('command-outcome').textContent()).toContain('Switched to tm2.');
    expect(await card('tm2').getByTestId('make-active').isDisabled()).toBe(true);

    await page.screenshot({ path: 'test/artifacts/cluster-manual-switch.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test/artifacts/cluster-manual-switch-dark.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('pins a traffic manager from its card and unpins it from the top bar', async () => {
    await card('tm1').getByTestId('pin-toggle').click();

    await card('tm1').getByTestId('pinned-marker').waitFor();
    await card('tm1').getByTestId('active-marker').waitFor();
    await expect.poll(() => page.getByTestId('switch-entry').first().getAttribute('data-reason')).toBe('pinned');
    expect(await card('tm2').getByTestId('make-active').getAttribute('title')).toBe(
      'Traffic manager 1 is pinned: unpin it before switching by hand.',
    );
    await page.screenshot({ path: 'test/artifacts/cluster-pinned.png', fullPage: true });

    await page.getByTestId('top-pin-toggle').click();
    await card('tm1').getByTestId('pinned-marker').waitFor({ state: 'detached' });
    expect(await page.getByTestId('top-pin-toggle').textContent()).toBe('Pin');
    await expect.poll(() => page.getByTestId('command-outcome').textContent()).toContain('Unpinned');
  });

  it('refuses the contract to a page without the token', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(host.url.replace(/\?token=.*/, ''));
      await other.getByTestId('host-status').waitFor();
      expect(await other.getByTestId('broker-card').count()).toBe(0);
      // The host answers pages but not this one's socket: the page says what to do, not "retrying".
      await expect
        .poll(() => other.getByTestId('host-status').textContent())
        .toContain('The console host does not accept this page');
    } finally {
      await other.close();
    }
  });
});
