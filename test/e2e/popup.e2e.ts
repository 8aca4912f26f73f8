/**
 * The toolbar popup and the badge, as a user sees them (Chromium: automation cannot open
 * moz-extension pages in Firefox). The popup is opened with `?tab=` for the fixture's tab.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import { ROOT, serveFixtures } from './support';

const SHOTS = resolve(ROOT, 'test-results');
let server: StaticServer;
let launched: Launched;

beforeAll(async () => {
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
  );
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

/** Opens a fixture, lets the watch period end, and returns the page with its tab id. */
async function visit(file: string): Promise<{ page: Page; tabId: number }> {
  const page = await launched.browser.newPage();
  await launched.browser.deleteCookie(...(await launched.browser.cookies()));
  await interceptTraffic(page, { stub: true });
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  const snap = await askExtension(page, { op: 'finish', clickTest: true, expectPartnero: false });
  return { page, tabId: snap.tabId };
}

async function openPopup(tabId: number, dark = false): Promise<Page> {
  const popup = await launched.browser.newPage();
  await popup.setViewport({ width: 360, height: 560 });
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await popup.goto(`${launched.extensionBase}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-row="loader"]');
  return popup;
}

const rowText = (popup: Page, id: string) =>
  popup.$eval(`[data-row="${id}"] .row-head`, (el) => el.textContent ?? '');
type ActionApi = { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
const badge = (popup: Page, tabId: number) =>
  popup.evaluate(
    (id) => (globalThis as unknown as { chrome: ActionApi }).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );

describe('popup and badge', () => {
  it('a correct Payment Links page: all green, empty badge', async () => {
    const { page, tabId } = await visit('payment-links-ok.html?aff=TEST');
    const popup = await openPopup(tabId);
    await popup.waitForFunction(() =>
      document.querySelector('[data-testid="verdict"]')?.textContent?.includes('passed'),
    );
    expect(await rowText(popup, 'loader')).toContain('✓');
    expect(await rowText(popup, 'cookie')).toContain('partnero_partner=TEST');
    expect(await rowText(popup, 'links')).toContain('3 ok');
    expect(await badge(popup, tabId)).toBe('');
    await popup.screenshot({ path: resolve(SHOTS, 'popup-ok.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  it('a placeholder program id: one root error on the badge, its consequences under it', async () => {
    const { page, tabId } = await visit('program-placeholder.html?aff=TEST');
    const popup = await openPopup(tabId);
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe('1 error, 0 warnings');
    expect(await rowText(popup, 'program')).toContain('✗');
    // The error row opens by itself and shows the one-line fix.
    const program = await popup.$eval('[data-row="program"]', (el) => el.textContent ?? '');
    expect(program).toContain('program.placeholder');
    expect(program).toContain('Fix:');
    expect(await badge(popup, tabId)).toBe('1');
    await popup.close();
    const dark = await openPopup(tabId, true);
    await dark.click('[data-row="loader"] .row-head');
    await dark.screenshot({ path: resolve(SHOTS, 'popup-error-dark.png') });
    await Promise.all([dark.close(), page.close()]);
  });

  it('late links: the Test links button re-runs the click test and the badge counts the error', async () => {
    const { page, tabId } = await visit('links-added-late.html?aff=TEST');
    const popup = await openPopup(tabId);
    await popup.waitForFunction(() =>
      document.querySelector('[data-row="links"]')?.textContent?.includes('1 with problems'),
    );
    // The link added 1 s after load was not there for the first click test; now it is.
    await new Promise((r) => setTimeout(r, 1200));
    await popup.click('.actions button');
    await popup.waitForFunction(
      () => document.querySelector('[data-row="links"] .row-icon')?.textContent === '✗',
    );
    expect(await rowText(popup, 'links')).toContain('2 ok / 1 with problems');
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe('1 error, 0 warnings');
    expect(await badge(popup, tabId)).toBe('1');
    await popup.screenshot({ path: resolve(SHOTS, 'popup-links.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  it('a page without Partnero: no badge, says so', async () => {
    const page = await launched.browser.newPage();
    await launched.browser.deleteCookie(...(await launched.browser.cookies()));
    await page.goto(`${server.origin}/no-partnero.html`, { waitUntil: 'load' });
    const { tabId } = await askExtension(page, { op: 'state' });
    const popup = await openPopup(tabId);
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toContain('No Partnero');
    expect(await badge(popup, tabId)).toBe('');
    await Promise.all([popup.close(), page.close()]);
  });
});
