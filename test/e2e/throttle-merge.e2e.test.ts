import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/demo/embedded-broker';
import { launchChromium } from '../support/chromium';
import { chromiumTool } from '../support/tools';
import { startBuiltWebHost, type WebHostProcess } from '../support/web-host-process';

const chromiumBinary = chromiumTool();
const ARTIFACTS = 'test/artifacts';

// `[{"header":{"values":{"x-tier":"free"},"invert":false}}]`
const FREE_TIER = Buffer.from('[{"header":{"values":{"x-tier":"free"},"invert":false}}]').toString('base64');
const MENU_KEY = '/pizzashack/1.0.0/1.0.0/menu:GET_condition_1';
const APP_KEY = '12:admin@carbon.super';

const decision = (key: string, expiry: number, conditions?: string): string =>
  JSON.stringify({
    event: {
      payloadData: {
        throttleKey: key,
        isThrottled: 'true',
        expiryTimeStamp: String(expiry),
        ...(conditions ? { evaluatedConditions: conditions } : {}),
      },
    },
  });

describe.skipIf(!chromiumBinary.available)('decisions from two traffic managers, merged, in Chromium', () => {
  let brokers: EmbeddedBroker[] = [];
  let publishers: MqttClient[] = [];
  let dir: string;
  let host: WebHostProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    brokers = await Promise.all([startEmbeddedBroker(), startEmbeddedBroker()]);
    dir = await mkdtemp(join(tmpdir(), 'tmc-e2e-merge-'));
    const profilePath = join(dir, 'profile.json');
    await writeFile(
      profilePath,
      JSON.stringify({
        name: 'Merge cluster',
        brokers: brokers.map((b, i) => ({ id: `tm${i + 1}`, label: `Traffic manager ${i + 1}`, url: b.url })),
      }),
    );
    host = await startBuiltWebHost(['--profile', profilePath, '--data-dir', dir]);
    publishers = await Promise.all(brokers.map((b) => connectAsync(b.url, { protocolVersion: 4, reconnectPeriod: 0 })));
    browser = await launchChromium(chromiumBinary.path ?? '');
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(publishers.map((p) => p.endAsync()));
    await host?.stop();
    await Promise.all(brokers.map((b) => b.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const row = (key: string) => page.locator(`[data-testid="throttle-row"][data-key="${key}"]`);
  const publish = (tm: 0 | 1, payload: string) => publishers[tm]?.publishAsync('throttleData', payload);

  it('merges a decision both report, and flags the traffic manager that did not report one', async () => {
    await page.goto(host.url);
    await page.locator('[data-testid="broker-card"][data-state="connected"]').nth(1).waitFor();
    await page.keyboard.press('Alt+2');
    const expiry = Date.now() + 10 * 60_000;
    await publish(0, decision(MENU_KEY, expiry, FREE_TIER));
    await publish(1, decision(MENU_KEY, expiry, FREE_TIER));
    await publish(0, decision(APP_KEY, expiry));

    await row(MENU_KEY).waitFor();
    await expect.poll(() => row(MENU_KEY).locator('.brokers').textContent()).toBe('tm1, tm2');
    // tm2 never reports the application key: after the 2 s grace window it disagrees.
    await row(APP_KEY).getByTestId('disagreement-marker').waitFor({ timeout: 10_000 });
    expect(await row(MENU_KEY).getByTestId('disagreement-marker').count()).toBe(0);
    await expect.poll(() => page.getByTestId('count-disagreements').textContent()).toBe('Disagreements 1');

    await row(APP_KEY).click();
    expect(await page.getByTestId('why-disagreement').textContent()).toMatch(
      /^Traffic manager 2 did not report this decision within 2 s — the double-counting symptom/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/throttled-disagreement.png` });

    await row(MENU_KEY).click();
    expect(await page.getByTestId('why-conditions').textContent()).toBe(
      'Condition group 1 matched: requests where header x-tier = free.',
    );
    expect(await page.getByTestId('why-reported').textContent()).toMatch(
      /^Reported by Traffic manager 1 and Traffic manager 2/,
    );
  });

  it('lists a blocking condition and counts rejected input per broker and reason', async () => {
    await publish(
      1,
      JSON.stringify({
        event: {
          payloadData: {
            blockingCondition: 'IPRANGE',
            conditionValue: '{"startingIp":"10.0.0.1","endingIp":"10.0.0.255","invert":false}',
            state: 'true',
            id: '5',
            tenantDomain: 'carbon.super',
          },
        },
      }),
    );
    await publish(0, 'this is not JSON');
    await publish(0, '{"event":{"payloadData":{"throttleKey":12}}}');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('block-row').waitFor();
    expect(await page.getByTestId('block-row').locator('td').nth(1).textContent()).toContain('10.0.0.1');
    await expect.poll(() => page.getByTestId('rejection-count').count()).toBe(2);
    expect(await page.getByTestId('rejection-count').first().locator('td').first().textContent()).toBe(
      'Traffic manager 1',
    );
    await expect.poll(() => page.getByTestId('rejection-sample').count()).toBe(2);
    await expect.poll(() => page.getByTestId('rejected-input').textContent()).toContain('this is not JSON');
    await page.screenshot({ path: `${ARTIFACTS}/blocking-and-rejected.png` });
  });
});
