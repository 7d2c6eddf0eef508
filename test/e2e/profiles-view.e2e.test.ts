import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost, type WebHostProcess } from '../support/web-host-process';

const chromiumBinary = chromiumTool();
const ARTIFACTS = 'test/artifacts';

describe.skipIf(!chromiumBinary.available)('profiles view in Chromium through the web host', () => {
  let brokers: EmbeddedBroker[] = [];
  let dataDir: string;
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    // No stored profile: the web host opens the built-in demo cluster at start.
    dataDir = await mkdtemp(join(tmpdir(), 'tmc-e2e-profiles-'));
    host = await startBuiltWebHost(['--data-dir', dataDir]);
    browser = await launchChromium(chromiumBinary.path ?? '');
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await Promise.all(brokers.map((b) => b.close()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const card = (id: string) => page.locator(`[data-testid="broker-card"][data-broker="${id}"]`);
  const field = (name: string) => page.locator(`[name="${name}"]`);
  const fieldError = (path: string) => page.locator(`[data-testid="field-error"][data-for="${path}"]`);
  const profileRow = (name: string) => page.locator(`[data-testid="profile-row"][data-name="${name}"]`);

  it('starts on the demo cluster, whose cards can kill and restart a traffic manager', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('Demo cluster');
    await card('tm2').and(page.locator('[data-state="connected"]')).waitFor();
    await card('tm2').getByTestId('demo-kill').click();
    await card('tm2').and(page.locator('[data-state="down"], [data-state="reconnecting"]')).waitFor();
    await expect.poll(() => page.getByTestId('command-outcome').textContent()).toContain('Killed demo broker tm2.');
    await page.screenshot({ path: `${ARTIFACTS}/cluster-demo-killed.png`, fullPage: true });
    await card('tm2').getByTestId('demo-restart').click();
    await card('tm2').and(page.locator('[data-state="connected"]')).waitFor();
    await expect.poll(() => page.getByTestId('command-outcome').textContent()).toContain('Restarted demo broker tm2.');
  });

  it('creates a profile for two brokers, shows the bad URL under its field, and saves it once fixed', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByTestId('profile-list').waitFor();
    expect(await page.getByTestId('no-profiles').textContent()).toContain('No profiles stored yet');
    await page.screenshot({ path: `${ARTIFACTS}/profiles-empty.png`, fullPage: true });

    await page.getByTestId('new-profile').click();
    await field('name').fill('E2E lab');
    await field('brokers.0.label').fill('Lab TM 1');
    await field('brokers.0.url').fill(brokers[0]?.url ?? '');
    await page.getByTestId('add-broker').click();
    await field('brokers.1.label').fill('Lab TM 2');
    await field('brokers.1.url').fill('http://127.0.0.1:1883');
    await field('failover.probe.intervalMs').fill('400');
    expect(await field('password').isDisabled()).toBe(true);
    expect(await page.getByTestId('secret-password').textContent()).toContain('TMC_SECRET_<REF>');
    await page.getByTestId('save-profile').first().click();

    await fieldError('brokers.1.url').waitFor();
    expect(await fieldError('brokers.1.url').textContent()).toBe(
      'scheme "http:" is not supported (use mqtt://, mqtts://, ws:// or wss://)',
    );
    expect(await field('brokers.1.url').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('summary-lead').textContent()).toContain('One field needs attention');
    await page.screenshot({ path: `${ARTIFACTS}/profile-editor-error.png`, fullPage: true });

    await field('brokers.1.url').fill(brokers[1]?.url ?? '');
    await page.getByTestId('save-profile').first().click();
    await profileRow('E2E lab').waitFor();
    await expect.poll(() => page.getByTestId('profile-outcome').textContent()).toContain('Saved "E2E lab".');
    expect(await profileRow('E2E lab').textContent()).toContain(brokers[1]?.url ?? '');
  });

  it('opens the new profile and shows its traffic managers in the Cluster view', async () => {
    await profileRow('E2E lab').getByTestId('open-profile').click();
    await profileRow('E2E lab').getByTestId('open-marker').waitFor();
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('E2E lab');
    await page.getByTestId('rail-cluster').click();
    await card('tm1').and(page.locator('[data-state="connected"]')).waitFor();
    await card('tm2').and(page.locator('[data-state="connected"]')).waitFor();
    expect(await page.getByTestId('broker-card').count()).toBe(2);
    expect(await card('tm1').locator('h2').textContent()).toBe('Lab TM 1');
    expect(await card('tm2').locator('.url').textContent()).toBe(brokers[1]?.url);
    // Not a demo broker: no drill buttons.
    expect(await card('tm1').getByTestId('demo-kill').count()).toBe(0);
  });

  it('switches back to the demo cluster from the top bar', async () => {
    await page.getByTestId('profile-selector').selectOption('Demo cluster');
    await expect.poll(() => page.getByTestId('profile-selector').inputValue()).toBe('Demo cluster');
    await card('tm1').getByTestId('demo-kill').waitFor();
    await expect.poll(() => card('tm1').locator('h2').textContent()).toBe('Traffic manager 1');
  });

  it('shows a malformed classic URL with a caret under the mistake, then imports a good one', async () => {
    await page.getByTestId('rail-profiles').click();
    const bad = "amqp://admin@clientid/carbon?brokerlist='tcp://127.0.0.1:5672?retries='x''";
    await field('import-url').fill(bad);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error-message').textContent()).toContain("retries='x' is not a whole number");
    const text = (await page.getByTestId('excerpt-text').textContent()) ?? '';
    const caret = (await page.getByTestId('excerpt-caret').textContent()) ?? '';
    expect(text[caret.length - 1]).toBe('x');
    await page.screenshot({ path: `${ARTIFACTS}/profiles-import-error.png`, fullPage: true });

    const good =
      "amqp://admin@clientid/carbon?failover='roundrobin'&cyclecount='2'&brokerlist='tcp://127.0.0.1:5672?retries='5'&connectdelay='50';tcp://127.0.0.1:5673'";
    await field('import-url').fill(good);
    await field('import-port-map').fill('127.0.0.1:5673=1884');
    await field('import-name').fill('Imported lab');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toContain('Imported "Imported lab" with 2 traffic managers.');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('sticky');
    const row = profileRow('Imported lab');
    await row.waitFor();
    expect(await row.textContent()).toContain('mqtt://127.0.0.1:1883');
    expect(await row.textContent()).toContain('mqtt://127.0.0.1:1884');
    expect(await row.textContent()).toContain('sticky mode');
    await page.screenshot({ path: `${ARTIFACTS}/profiles-list.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS}/profiles-list-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('edits the imported profile with its carried-over failover settings', async () => {
    await profileRow('Imported lab').getByTestId('edit-profile').click();
    await page.getByTestId('profile-editor').waitFor();
    expect(await field('failover.retries').inputValue()).toBe('5');
    expect(await field('failover.connectdelay').inputValue()).toBe('50');
    expect(await field('failover.cyclecount').inputValue()).toBe('2');
    expect(await field('failover.mode').inputValue()).toBe('sticky');
    expect(await field('username').inputValue()).toBe('admin');
    await page.screenshot({ path: `${ARTIFACTS}/profile-editor.png`, fullPage: true });
    await page.getByTestId('cancel-edit').first().click();
    await page.getByTestId('profile-list').waitFor();
  });
});

describe.skipIf(!chromiumBinary.available)('a stored profile whose password is missing, in Chromium', () => {
  let broker: EmbeddedBroker;
  let dataDir: string;
  let host: WebHostProcess;
  let browser: Browser;

  beforeAll(async () => {
    broker = await startEmbeddedBroker();
    dataDir = await mkdtemp(join(tmpdir(), 'tmc-e2e-problem-'));
    // Used last, so the host opens it at start; its password would come from TMC_SECRET_LAB_PASSWORD.
    const profile = {
      name: 'Secured lab',
      brokers: [{ id: 'tm1', label: 'Lab TM', url: broker.url }],
      username: 'ops',
      passwordRef: 'lab-password',
    };
    await writeFile(
      join(dataDir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [profile], lastUsed: profile.name }),
    );
    host = await startBuiltWebHost(['--data-dir', dataDir]);
    browser = await launchChromium(chromiumBinary.path ?? '');
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await broker?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('says why no cluster is open and leads to the profile, which names the variable to set', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    const problem = page.getByTestId('cluster-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('lab-password');
    await expect.poll(() => page.getByTestId('edit-problem-profile').textContent()).toBe('Edit "Secured lab"');
    expect(await page.getByTestId('no-cards').textContent()).toBe(
      'No profile is open: choose one in the top bar, or in Profiles (Alt+6).',
    );
    await page.screenshot({ path: `${ARTIFACTS}/cluster-problem.png`, fullPage: true });

    await page.getByTestId('edit-problem-profile').click();
    await page.getByTestId('profile-editor').waitFor();
    expect(await page.getByRole('main').getAttribute('aria-label')).toBe('Profiles');
    expect(await page.locator('[name="name"]').inputValue()).toBe('Secured lab');
    expect(await page.getByTestId('secret-password').textContent()).toContain('TMC_SECRET_LAB_PASSWORD');
    expect(await page.locator('[name="password"]').isDisabled()).toBe(true);
    expect(await page.locator('[name="password.remove"]').isEnabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/profile-editor-no-keychain.png` });
  });
});
