/**
 * The toolbar popup and the badge, as a user sees them (Chromium: automation cannot open
 * moz-extension pages in Firefox). The popup is opened with `?tab=` for the fixture's tab.
 * No automation `finish` here: each page's watch ends by itself (a short `graceMs` in the
 * extension's settings), with the click test only where the site is opted in.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import type { TabSnapshot } from '../../src/protocol/messages';
import type { Settings } from '../../src/store/settings';
import { openPopup, ROOT, serveFixtures, until, watchEnded } from './support';

const SHOTS = resolve(ROOT, 'test-results');
/** Short enough for a quick suite, long enough for the stand-in's scripts to have run. */
const GRACE_MS = 500;
let server: StaticServer;
let launched: Launched;
/** An extension page, to write the extension's settings. */
let ext: Page;

beforeAll(async () => {
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
  );
  ext = await launched.browser.newPage();
  await ext.goto(`${launched.extensionBase}/popup.html`);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

const state = (page: Page) => askExtension(page, { op: 'state' });

/**
 * Opens a fixture as a fresh visitor and waits until its watch has ended by itself;
 * `clickTest`: the site is opted in to "Always test links on this site".
 */
async function visit(file: string, clickTest: boolean): Promise<{ page: Page; snap: TabSnapshot }> {
  const settings: Settings = { graceMs: GRACE_MS, clickTestOrigins: clickTest ? [server.origin] : [] };
  await ext.evaluate(
    (value) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
      ).chrome.storage.local.set({ settings: value }),
    settings,
  );
  const page = await launched.browser.newPage();
  await launched.browser.deleteCookie(...(await launched.browser.cookies()));
  await interceptTraffic(page, { stub: true });
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  const snap = await watchEnded(page);
  return { page, snap };
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
    const { page, snap } = await visit('payment-links-ok.html?aff=TEST', true);
    const { tabId } = snap;
    const popup = await openPopup(launched, tabId);
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
    const {
      page,
      snap: { tabId },
    } = await visit('program-placeholder.html?aff=TEST', false);
    const popup = await openPopup(launched, tabId);
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe('1 error, 0 warnings');
    expect(await rowText(popup, 'program')).toContain('✗');
    // The error row opens by itself and shows the one-line fix.
    const program = await popup.$eval('[data-row="program"]', (el) => el.textContent ?? '');
    expect(program).toContain('program.placeholder');
    expect(program).toContain('Fix:');
    expect(await badge(popup, tabId)).toBe('1');
    await popup.close();
    const dark = await openPopup(launched, tabId, true);
    await dark.click('[data-row="loader"] .row-head');
    await dark.screenshot({ path: resolve(SHOTS, 'popup-error-dark.png') });
    await Promise.all([dark.close(), page.close()]);
  });

  it('late links: the Test links button runs the click test and the badge counts the error', async () => {
    // Not opted in: the end of the watch clicks nothing, every link is still unverified.
    const {
      page,
      snap: { tabId },
    } = await visit('links-added-late.html?aff=TEST', false);
    // The Team link is added 500 ms after load: wait until the extension has it.
    await until(
      'the late link',
      () => state(page),
      (s) => s.page.links.some((l) => l.selector === '#buy-team'),
    );
    const popup = await openPopup(launched, tabId);
    await popup.waitForFunction(() =>
      document.querySelector('[data-row="links"]')?.textContent?.includes('0 ok / 3 with problems'),
    );
    expect(await popup.$eval('[data-row="links"] .row-icon', (el) => el.textContent)).toBe('!');
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe('0 errors, 3 warnings');
    expect(await badge(popup, tabId)).toBe('3');
    await popup.click('.actions button');
    await popup.waitForFunction(
      () => document.querySelector('[data-row="links"] .row-icon')?.textContent === '✗',
    );
    expect(await rowText(popup, 'links')).toContain('2 ok, 1 with problems');
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe('1 error, 0 warnings');
    expect(await badge(popup, tabId)).toBe('1');
    const after = await state(page);
    expect(after.page.links.map((l) => [l.selector, l.afterClick])).toEqual([
      ['#buy-starter', 'TEST'],
      ['#buy-pro', 'TEST'],
      ['#buy-team', null],
    ]);
    await popup.screenshot({ path: resolve(SHOTS, 'popup-links.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  it('a page without Partnero: once the watch is over, no badge, and the popup says so', async () => {
    const { page, snap } = await visit('no-partnero.html', false);
    expect(snap.findings).toEqual([]);
    const popup = await openPopup(launched, snap.tabId);
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.textContent)).toBe(
      'No Partnero tracking on this page.',
    );
    expect(await badge(popup, snap.tabId)).toBe('');
    await Promise.all([popup.close(), page.close()]);
  });
});
