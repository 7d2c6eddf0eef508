import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost, type WebHostProcess } from '../support/web-host-process';

const chromiumBinary = chromiumTool();
const ARTIFACTS = 'test/artifacts';

describe.skipIf(!chromiumBinary.available)('policies and activity in Chromium on the demo cluster', () => {
  let dataDir: string;
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // No stored profile: the web host opens the built-in demo cluster (two TMs) at start.
    dataDir = await mkdtemp(join(tmpdir(), 'tmc-e2e-policies-'));
    host = await startBuiltWebHost(['--data-dir', dataDir]);
    browser = await launchChromium(chromiumBinary.path ?? '');
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const field = (name: string) => page.locator(`[name="${name}"]`);
  const fieldError = (path: string) => page.locator(`[data-testid="field-error"][data-for="${path}"]`);
  const row = (key: string) => page.locator(`[data-testid="matrix-row"][data-key="${key}"]`);
  const AMOUNT = 'defaultLimit.requestCount.requestCount';

  it('creates an application policy, shows a negative limit under its field, and saves it once fixed', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('Demo cluster');
    await page.locator('[data-testid="broker-card"][data-state="connected"]').nth(1).waitFor();
    await page.keyboard.press('Alt+4');
    // The demo TMs start with policies of their own, which the catalog does not have.
    await row('application:50PerMin').waitFor();
    expect(await page.getByRole('main').getAttribute('aria-label')).toBe('Policies');
    await expect
      .poll(() => row('application:50PerMin').getByTestId('matrix-summary').textContent())
      .toBe('in sync 2/2');
    expect(await row('application:50PerMin').locator('td').first().textContent()).toBe('only on TMs');

    await page.locator('[name="new-policy-kind"]').selectOption('application');
    await page.getByTestId('new-policy').click();
    await page.getByTestId('policy-editor').waitFor();
    await field('policyName').fill('E2EGold');
    await field('description').fill('50 requests a minute for the E2E tier');
    await field(AMOUNT).fill('-5');
    await page.getByTestId('save-policy').first().click();

    await fieldError(AMOUNT).waitFor();
    expect(await fieldError(AMOUNT).textContent()).toBe('must be greater than 0');
    expect(await field(AMOUNT).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('policy-summary-lead').textContent()).toContain('One field needs attention');
    await page.screenshot({ path: `${ARTIFACTS}/policy-editor-error.png`, fullPage: true });

    await field(AMOUNT).fill('50');
    await page.getByTestId('save-policy').first().click();
    await page.getByTestId('policy-detail').waitFor();
    await expect
      .poll(() => page.getByTestId('catalog-outcome').textContent())
      .toContain('Saved application:E2EGold as revision 1.');
  });

  it('shows the diff against each traffic manager before the push', async () => {
    const tms = page.getByTestId('diff-tm');
    await expect.poll(() => tms.count()).toBe(2);
    for (const tm of await tms.all()) {
      expect(await tm.getAttribute('data-status')).toBe('missing');
      expect(await tm.getByTestId('diff-note').textContent()).toBe('not deployed there: a push adds revision 1');
      expect(await tm.getByTestId('diff-headline').textContent()).toMatch(/^tm[12]: a push adds it$/);
      const changes = await tm.getByTestId('diff-change').allTextContents();
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatch(/^the whole policy is added: \{.*"policyName":"E2EGold"/);
    }
    await expect
      .poll(() => row('application:E2EGold').getByTestId('matrix-summary').textContent())
      .toContain('not deployed');
    await page.screenshot({ path: `${ARTIFACTS}/policy-diff.png`, fullPage: true });
  });

  it('pushes it with live progress until synced 2/2, and the matrix shows it in sync', async () => {
    await page.getByTestId('push-policy').click();
    const progress = page.locator('[data-testid="policy-detail"] [data-testid="push-progress"]');
    await progress.and(page.locator('[data-phase="synced"]')).waitFor({ timeout: 15_000 });
    expect(await progress.getByTestId('push-phase').textContent()).toBe('synced 2/2');
    const steps = (await progress.getByTestId('push-step').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(steps[0]).toMatch(/^✓ Sent revision 1 to tm[12] $/);
    expect(steps[1]).toMatch(/Acknowledged by tm[12] with no failover \(\d+ ms\)/);
    expect(steps[2]).toMatch(/synced 2\/2 after \d+ ms/);

    const cells = row('application:E2EGold').getByTestId('matrix-cell');
    await expect
      .poll(() => cells.evaluateAll((all) => all.map((c) => c.getAttribute('data-status'))))
      .toEqual(['in-sync', 'in-sync']);
    await expect.poll(() => row('application:E2EGold').getByTestId('matrix-summary').textContent()).toBe('in sync 2/2');
    await expect.poll(() => page.locator('[data-testid="diff-tm"][data-status="in-sync"]').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/policy-pushed.png`, fullPage: true });
  });

  it('adds a blocking condition and follows its push', async () => {
    await field('conditionType').selectOption('IP');
    await field('conditionValue.fixedIp').fill('192.168.0.300');
    await page.getByTestId('add-block').click();
    await fieldError('conditionValue.fixedIp').waitFor();
    expect(await fieldError('conditionValue.fixedIp').textContent()).toBe(
      '"192.168.0.300" is not a valid IPv4 or IPv6 address',
    );

    await field('conditionValue.fixedIp').fill('192.168.0.17');
    await field('conditionId').fill('e2e-block-1');
    await page.getByTestId('add-block').click();
    const progress = page.locator('[data-testid="block-add-progress"] [data-testid="push-progress"]');
    await progress.and(page.locator('[data-phase="synced"]')).waitFor({ timeout: 15_000 });
    expect(await progress.locator('h4').textContent()).toBe('Block of blocking condition "e2e-block-1", revision 1');
    expect(await progress.getByTestId('push-phase').textContent()).toBe('synced 2/2');
    await row('blocking:e2e-block-1').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/blocking-pushed.png`, fullPage: true });
  });

  it('exports the policy as a file and imports files with a result per file', async () => {
    await row('application:E2EGold').getByTestId('select-policy').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-policy').click()]);
    expect(download.suggestedFilename()).toBe('application-E2EGold.json');
    const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as Record<string, unknown>;
    expect(exported.policyName).toBe('E2EGold');

    await page.getByTestId('import-policies').setInputFiles([
      {
        name: 'silver.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...exported, policyName: 'E2ESilver' })),
      },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"policyName": ') },
    ]);
    await page.getByTestId('import-result').waitFor();
    await expect
      .poll(() => page.getByTestId('import-message').textContent())
      .toContain('Imported 1 policy; 1 refused (see why below).');
    const lines = (await page.getByTestId('import-line').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(lines[0]).toContain('silver.json: application:E2ESilver revision 1');
    expect(lines[1]).toContain('broken.json: not imported — not JSON: Unexpected end of JSON input');
    await row('application:E2ESilver').waitFor();
  });

  it('lists the pushes in Activity and exports the audit log', async () => {
    await page.keyboard.press('Alt+5');
    const pushEntry = page
      .getByTestId('activity-entry')
      .filter({ hasText: 'Push of application policy "E2EGold", revision 1' });
    await pushEntry.waitFor();
    await expect.poll(() => pushEntry.getByTestId('activity-state').textContent()).toBe('synced 2/2');
    const blockEntry = page.getByTestId('activity-entry').filter({ hasText: 'Block of blocking condition' });
    await expect.poll(() => blockEntry.getByTestId('activity-state').textContent()).toBe('synced 2/2');
    await expect
      .poll(() => page.locator('[data-testid="activity-entry"][data-type="switch"]').count())
      .toBeGreaterThan(0);
    const titles = await page.getByTestId('activity-title').allTextContents();
    expect(titles.indexOf('Block of blocking condition "e2e-block-1", revision 1')).toBeLessThan(
      titles.indexOf('Push of application policy "E2EGold", revision 1'),
    );
    await page.screenshot({ path: `${ARTIFACTS}/activity.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^tmc-audit-.*\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('E2EGold');
    await expect
      .poll(() => page.getByTestId('audit-export-message').textContent())
      .toMatch(/^Exported \d+ records to tmc-audit-/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS}/activity-dark.png`, fullPage: true });
    await page.keyboard.press('Alt+4');
    await page.getByTestId('sync-matrix').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/policies-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
