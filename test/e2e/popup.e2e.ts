/**
 * The toolbar popup and the badge, as a user sees them (Chromium: automation cannot open
 * moz-extension pages in Firefox). The popup is opened with `?tab=` for the fixture's tab.
 * No automation `finish` here: each page's watch ends by itself (a short `graceMs` in the
 * extension's settings); opening the popup has a page with the loader test-clicked once.
 * Screenshots of a correct and a broken page, light and dark, at 360 and 400 px, go to
 * test/screenshots/.
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
import { summarize } from '../../src/rules';
import type { Settings } from '../../src/store/settings';
import { AS_BUILT, CASES, openPopup, ROOT, saveSettings, serveFixtures, until, watchEnded } from './support';

const SHOTS = resolve(ROOT, 'test-results');
const SCREENSHOTS = resolve(ROOT, 'test', 'screenshots');
/** Short enough for a quick suite, long enough for the stand-in's scripts to have run. */
const GRACE_MS = 500;
let server: StaticServer;
let launched: Launched;
/** An extension page, to write the extension's settings and read the badge. */
let ext: Page;

beforeAll(async () => {
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
    AS_BUILT,
  );
  ext = await launched.browser.newPage();
  await ext.goto(`${launched.extensionBase}/popup.html`);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

type Chrome = {
  storage: { local: { set(v: object): Promise<void> } };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
};
const state = (page: Page) => askExtension(page, { op: 'state' });
const badge = (tabId: number) =>
  ext.evaluate(
    (id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );

/**
 * Opens a fixture as a fresh visitor and waits until its watch has ended by itself;
 * `clickTest`: the site is opted in to "Always test links on this site".
 */
async function visit(file: string, clickTest: boolean): Promise<{ page: Page; snap: TabSnapshot }> {
  const settings: Settings = { graceMs: GRACE_MS, clickTestOrigins: clickTest ? [server.origin] : [] };
  await saveSettings(ext, settings);
  const page = await launched.browser.newPage();
  await launched.browser.deleteCookie(...(await launched.browser.cookies()));
  await interceptTraffic(page, { stub: true });
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  const snap = await watchEnded(page);
  return { page, snap };
}

/** What the popup showed, each time it changed: the verdict's title and the rows' marks. */
type View = { verdict: string; marks: string };

/** Runs in the popup before it renders: records every view it shows into `window.views`. */
function recordViews(): void {
  const views: View[] = [];
  (window as unknown as { views: View[] }).views = views;
  const take = () => {
    const verdict = document.querySelector('[data-testid="verdict"] .verdict-title')?.textContent ?? '';
    const marks = [...document.querySelectorAll('[data-row] > .row-head > .mark > [aria-hidden]')]
      .map((m) => m.textContent)
      .join('');
    const last = views.at(-1);
    if (verdict && (last?.verdict !== verdict || last.marks !== marks)) views.push({ verdict, marks });
  };
  new MutationObserver(take).observe(document, { subtree: true, childList: true, characterData: true });
}

/** The popup for `tabId`, recording what it shows from its first render on (see recordViews). */
async function openRecorded(tabId: number): Promise<Page> {
  const popup = await launched.browser.newPage();
  await popup.evaluateOnNewDocument(recordViews);
  await popup.setViewport({ width: 360, height: 560 });
  await popup.goto(`${launched.extensionBase}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-testid="verdict"]');
  return popup;
}
const views = (popup: Page) => popup.evaluate(() => (window as unknown as { views: View[] }).views);
const rowText = (popup: Page, id: string) =>
  popup.$eval(`[data-row="${id}"] .row-head`, (el) => el.textContent ?? '');
const rowMark = (popup: Page, id: string) =>
  popup.$eval(`[data-row="${id}"] .row-head > .mark > [aria-hidden]`, (el) => el.textContent ?? '');
const untilVerdict = (popup: Page, title: string) =>
  popup.waitForFunction(
    (want) => document.querySelector('[data-testid="verdict"] .verdict-title')?.textContent === want,
    {},
    title,
  );

/**
 * Nothing wider than the popup; every row label, and every part of a row's detail, on one
 * line; and the popup asks for no more than 360 px, whatever it shows (browsers size a
 * popup window to its content's preferred width).
 */
function layoutProblems(popup: Page): Promise<string[]> {
  return popup.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth) problems.push(`page ${root.scrollWidth}px wide in ${innerWidth}px`);
    root.style.width = 'max-content';
    const wanted = root.getBoundingClientRect().width;
    root.style.width = '';
    if (wanted > 360) problems.push(`asks for ${wanted}px`);
    // A part cut by its ellipsis lays its text out past its box: the range then has two boxes.
    for (const part of document.querySelectorAll<HTMLElement>('.row-detail .part, .row-label')) {
      const text = document.createRange();
      text.selectNodeContents(part);
      if (text.getClientRects().length !== 1) problems.push(`"${part.textContent}" is wrapped or cut`);
    }
    return problems;
  });
}

/** Screenshots of the popup as it is, light and dark, at 360 and 400 px; its layout checked at each. */
async function screenshots(popup: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [360, 400]) {
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
      await popup.setViewport({ width, height: 600 });
      await popup.mouse.move(0, 0);
      expect(await layoutProblems(popup), `${theme} at ${width} px`).toEqual([]);
      const main = await popup.$('main.popup');
      await main?.screenshot({ path: resolve(SCREENSHOTS, `popup-${name}-${theme}-${width}.png`) });
    }
  }
}

/** Correct integrations (no error, no warning) whose page stays put (no checkout navigation). */
const CORRECT = CASES.filter(
  (c) => Object.keys(c.findings).every((key) => /:info\b/.test(key)) && c.navigations.length === 0,
);

describe('popup and badge', () => {
  it.each(CORRECT.map((c) => [c.file + c.query, c] as const))(
    'correct fixture %s: empty badge, and no problem in the popup before or after the click test',
    async (name) => {
      const { page, snap } = await visit(name, false);
      const { tabId } = snap;
      // Before: the watch is over, nothing has been clicked, and nothing is counted.
      expect(snap.page.clickTest).toBe('idle');
      expect(summarize(snap.findings)).toMatchObject({ errors: 0, warnings: 0 });
      expect(await badge(tabId)).toBe('');
      const popup = await openRecorded(tabId);
      // Opening the popup has the page's links test-clicked; then every check has passed.
      await untilVerdict(popup, 'All checks passed.');
      const after = await until(
        'the click test',
        () => state(page),
        (s) => s.page.clickTest === 'done',
      );
      expect(summarize(after.findings)).toMatchObject({ errors: 0, warnings: 0 });
      expect(await badge(tabId)).toBe('');
      // Every view the popup showed on the way: no count, no broken or risky row.
      for (const view of await views(popup)) {
        expect(view.verdict, JSON.stringify(view)).not.toMatch(/error|warning/);
        expect(view.marks, JSON.stringify(view)).not.toMatch(/[✗!]/);
      }
      await Promise.all([popup.close(), page.close()]);
    },
  );

  it('a correct Payment Links page after the click test: its links listed, every one fine', async () => {
    const { page, snap } = await visit('payment-links-ok.html?aff=TEST', false);
    const popup = await openRecorded(snap.tabId);
    await untilVerdict(popup, 'All checks passed.');
    expect(await rowText(popup, 'cookie')).toContain('partnero_partner=TEST');
    expect(await rowText(popup, 'links')).toContain('3 ok');
    // Rows with nothing more to show are not buttons; the links row opens to list its links.
    expect(await popup.$$eval('.row-head', (heads) => heads.map((h) => h.tagName))).toEqual([
      'DIV',
      'DIV',
      'DIV',
      'BUTTON',
      'DIV',
    ]);
    await popup.click('[data-row="links"] .row-head');
    const links = await popup.$$eval('[data-row="links"] .links > li', (items) =>
      items.map((li) => ({
        mark: li.querySelector('.mark .visually-hidden')?.textContent,
        label: li.querySelector('.link-label')?.textContent,
        href: li.querySelector('.mid')?.getAttribute('title'),
        status: li.querySelector('.link-status')?.textContent,
        facts: li.querySelector('.link-facts')?.textContent,
      })),
    );
    expect(links.map((l) => [l.mark, l.label, l.status, l.facts])).toEqual([
      ['fine ', 'Buy Starter', 'ok after click', 'id after click: TEST (test click)'],
      ['fine ', 'Buy Pro', 'ok after click', 'id after click: TEST (test click)'],
      ['fine ', 'Buy Team', 'ok after click', 'id after click: TEST (test click)'],
    ]);
    expect(links.every((l) => l.href?.startsWith('https://buy.stripe.com/'))).toBe(true);
    await screenshots(popup, 'correct');
    await Promise.all([popup.close(), page.close()]);
  });

  it('a placeholder program id: one root error on the badge, its consequences under it', async () => {
    const {
      page,
      snap: { tabId },
    } = await visit('program-placeholder.html?aff=TEST', false);
    const popup = await openPopup(launched, tabId);
    await untilVerdict(popup, '1 error, 0 warnings');
    expect(await rowMark(popup, 'program')).toBe('✗');
    // The error row opens by itself and shows the one-line fix.
    const program = await popup.$eval('[data-row="program"]', (el) => el.textContent ?? '');
    expect(program).toContain('program.placeholder');
    expect(program).toContain('Fix:');
    expect(await badge(tabId)).toBe('1');
    await popup.close();
    const dark = await openPopup(launched, tabId, true);
    await dark.click('[data-row="loader"] .row-head');
    await dark.screenshot({ path: resolve(SHOTS, 'popup-error-dark.png') });
    await Promise.all([dark.close(), page.close()]);
  });

  it('late links: not verified and no badge before the click test; the test opening the popup runs finds the error', async () => {
    // Not opted in: the end of the watch clicks nothing, every link is still unverified.
    const {
      page,
      snap: { tabId },
    } = await visit('links-added-late.html?aff=TEST', false);
    // The Team link is added 500 ms after load: wait until the extension has it.
    const unclicked = await until(
      'the late link',
      () => state(page),
      (s) => s.page.links.some((l) => l.selector === '#buy-team'),
    );
    expect(unclicked.findings.map((f) => [f.rule, f.severity, f.unverified])).toEqual([
      ['link.missing-client-reference-id', 'info', true],
      ['link.missing-client-reference-id', 'info', true],
      ['link.missing-client-reference-id', 'info', true],
    ]);
    expect(await badge(tabId)).toBe('');

    const popup = await openRecorded(tabId);
    await untilVerdict(popup, '1 error, 0 warnings');
    expect(await rowMark(popup, 'links')).toBe('✗');
    expect(await rowText(popup, 'links')).toContain('2 ok, 1 with problems');
    expect(await badge(tabId)).toBe('1');
    // Before the result the links row was not verified (or being tested), never risky or counted.
    const seen = await views(popup);
    const pending = seen.slice(
      0,
      seen.findIndex((v) => v.verdict === '1 error, 0 warnings'),
    );
    expect(pending.length, JSON.stringify(seen)).toBeGreaterThan(0);
    for (const view of pending) {
      expect(view.marks[3] === '?' || view.verdict === 'Testing links…', JSON.stringify(seen)).toBe(true);
      expect(view.verdict, JSON.stringify(seen)).not.toMatch(/error|warning/);
    }
    expect((await state(page)).page.links.map((l) => [l.selector, l.afterClick])).toEqual([
      ['#buy-starter', 'TEST'],
      ['#buy-pro', 'TEST'],
      ['#buy-team', null],
    ]);
    // The broken row opened by itself: the fix, then the links with what a click gave each.
    const listed = await popup.$$eval('[data-row="links"] .links > li', (items) =>
      items.map((li) => li.querySelector('.mark [aria-hidden]')?.textContent),
    );
    expect(listed).toEqual(['✓', '✓', '✗']);
    await screenshots(popup, 'broken');

    // Test links runs the click test again: with the visitor's cookie gone, it clicks as an
    // organic visitor first (no click so far did), then with the probe.
    await launched.browser.deleteCookie(...(await launched.browser.cookies()));
    await popup.click('.actions button::-p-text(Test links)');
    const again = await until(
      'the click test Test links asked for',
      () => state(page),
      (s) => s.page.clickTest === 'done' && s.page.links.every((l) => l.afterClickNoCookie !== undefined),
    );
    expect(again.page.links.map((l) => [l.selector, l.afterClick])).toEqual([
      ['#buy-starter', 'partnero-inspector-probe'],
      ['#buy-pro', 'partnero-inspector-probe'],
      ['#buy-team', null],
    ]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('a page without Partnero: no badge, a neutral note, and no control that cannot apply', async () => {
    const { page, snap } = await visit('no-partnero.html', false);
    expect(snap.findings).toEqual([]);
    const popup = await openPopup(launched, snap.tabId);
    await untilVerdict(popup, 'No Partnero tracking on this page');
    expect(await popup.$eval('[data-testid="verdict"]', (el) => el.className)).toContain('tone-none');
    expect(await popup.$$eval('button', (buttons) => buttons.map((b) => b.textContent))).toEqual([
      'Copy report',
      'Open panel',
    ]);
    expect(await popup.$('input[type="checkbox"]')).toBeNull();
    expect(await badge(snap.tabId)).toBe('');
    await Promise.all([popup.close(), page.close()]);
  });

  it.each([
    ['about:blank', 'This is a browser page'],
    ['chrome://version/', 'This is a browser page'],
  ])('a browser page (%s): the popup says so, with nothing to click', async (url, title) => {
    const allTabs = () =>
      ext.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({}));
    const before = new Set((await allTabs()).map((t) => t.id));
    const page = await launched.browser.newPage();
    await page.goto(url);
    // The extension has no `tabs` permission: a browser page's tab is found as the new one.
    const tabs = await until('the tab', allTabs, (all) => all.some((t) => !before.has(t.id)));
    const tabId = tabs.find((t) => !before.has(t.id))?.id as number;
    const popup = await openRecorded(tabId);
    await untilVerdict(popup, title);
    expect(await popup.$('.checklist')).toBeNull();
    expect(await popup.$$('button')).toEqual([]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('Open panel opens the panel page for this tab, which shows the page', async () => {
    const { page, snap } = await visit('payment-links-ok.html?aff=TEST', false);
    const popup = await openPopup(launched, snap.tabId);
    const opened = launched.browser.waitForTarget((t) =>
      t.url().endsWith(`/devtools-panel.html?tab=${snap.tabId}`),
    );
    await popup.click('.tools button::-p-text(Open panel)');
    const panel = await (await opened).page();
    if (!panel) throw new Error('the panel did not open as a page');
    await panel.waitForSelector('.tabs');
    await Promise.all([panel.close(), popup.close(), page.close()]);
  });

  it('Copy report copies the JSON report of the page and says Copied', async () => {
    const { page, snap } = await visit('payment-links-ok.html?aff=TEST', false);
    const popup = await openPopup(launched, snap.tabId);
    await untilVerdict(popup, 'All checks passed.');
    await launched.browser
      .defaultBrowserContext()
      .overridePermissions(launched.extensionBase, ['clipboard-read', 'clipboard-sanitized-write']);
    await popup.bringToFront();
    await popup.click('.tools button::-p-text(Copy report)');
    const said = await popup.waitForFunction(() => {
      const text = document.querySelector('.tools button')?.textContent;
      return text !== 'Copy report' && text;
    });
    expect(await said.jsonValue()).toBe('Copied');
    const copied = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
    expect(copied.tool).toBe('partnero-inspector');
    expect(copied.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
    expect(copied.pages.map((p: { finalUrl: string }) => p.finalUrl)).toEqual([
      `${server.origin}/payment-links-ok.html?aff=TEST`,
    ]);
    await Promise.all([popup.close(), page.close()]);
  });
});
