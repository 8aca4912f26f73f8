/**
 * Merchants try their referral links in an incognito window: a fresh visitor with no cookie.
 * With "Allow in Incognito" switched on, the extension must see such a tab as it sees any
 * other: the referral cookie's domain and expiry come from the incognito window's own cookie
 * store (the cookies API reads the normal one unless told which), and the page ends its watch
 * with the findings a normal window gets. Chromium (Firefox's private windows: not covered).
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import type { StaticServer } from '../../src/cli/static-server';
import type { TabSnapshot } from '../../src/protocol/messages';
import {
  browsersUnderTest,
  openPopup,
  ROOT,
  ruleIds,
  serveFixtures,
  stubPartneroOnly,
  watchEnded,
} from './support';

let server: StaticServer;
let launched: Launched;
const inChrome = browsersUnderTest().includes('chrome');

beforeAll(async () => {
  if (!inChrome) return;
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
    {
      incognito: true,
    },
  );
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

/** The tabs showing `file` as the extension's worker sees them: id, and whether incognito. */
async function tabsShowing(file: string): Promise<{ id: number; incognito: boolean }[]> {
  const target = await launched.browser.waitForTarget((t) => t.type() === 'service_worker');
  const worker = await target.worker();
  type Tab = { id: number; incognito: boolean };
  type Tabs = { chrome: { tabs: { query(q: { url: string }): Promise<Tab[]> } } };
  const tabs = (await worker?.evaluate(
    (pattern) => (globalThis as unknown as Tabs).chrome.tabs.query({ url: pattern }),
    `*://*/${file}*`,
  )) as Tab[];
  return tabs.map(({ id, incognito }) => ({ id, incognito }));
}

describe.runIf(inChrome)('chrome: an incognito window, the extension allowed there', () => {
  it("shows the referral cookie's domain and expiry, in the popup too, and a normal window's findings", async () => {
    const file = 'payment-links-ok.html';
    const [incognito] = await launched.browser.pages();
    const tabs: Page[] = [incognito as Page, await launched.browser.newPage()];
    const states: TabSnapshot[] = [];
    for (const page of tabs) {
      await stubPartneroOnly(page);
      await page.goto(`${server.origin}/${file}?aff=ANNA`, { waitUntil: 'load' });
      states.push(await watchEnded(page));
    }
    const seen = await tabsShowing(file);
    expect(seen.map((t) => t.incognito).sort()).toEqual([false, true]);
    const [inIncognito, inNormal] = states.map((s) => ({
      cookie: s.page.cookie && {
        value: s.page.cookie.value,
        domain: s.page.cookie.domain,
        path: s.page.cookie.path,
        expires: typeof s.page.cookie.expires,
      },
      rules: ruleIds(s.findings),
    }));
    expect(inIncognito?.cookie).toEqual({
      value: 'ANNA',
      domain: new URL(server.origin).hostname,
      path: '/',
      expires: 'number',
    });
    expect(inIncognito).toEqual(inNormal);
    // The toolbar popup on the incognito tab: the cookie row with its expiry.
    const popup = await openPopup(launched, seen.find((t) => t.incognito)?.id ?? -1);
    const row = await popup.$eval('[data-row="cookie"]', (el) => [el.className, el.textContent]);
    expect(row[0]).toContain('status-ok');
    expect(row[1]).toMatch(/partnero_partner=ANNA, expires \d{4}-\d{2}-\d{2}/);
  }, 60_000);
});
