/**
 * The rule catalog inside the extension (Chromium: automation cannot open moz-extension
 * pages in Firefox): a finding's *Learn more* link in the popup opens `rules.html#<rule>`
 * in a new tab, and that page shows the rule's section, scrolled into view.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import { RULE_IDS } from '../../src/model/types';
import { openPopup, ROOT, saveSettingsOnce, serveFixtures, watchEnded } from './support';

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

/** Opens a fixture as a fresh visitor, its watch shortened, and waits until the watch ended. */
async function visit(file: string): Promise<{ page: Page; tabId: number }> {
  await saveSettingsOnce(launched, { graceMs: 500, clickTestOrigins: [] });
  const page = await launched.browser.newPage();
  await interceptTraffic(page, { stub: true });
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  return { page, tabId: (await watchEnded(page)).tabId };
}

/** The id of the element the rules page scrolled to, and whether it is in the viewport. */
const shown = (page: Page, id: string) =>
  page.evaluate((target) => {
    const el = document.getElementById(target);
    const top = el?.getBoundingClientRect().top ?? Number.NaN;
    return { tag: el?.tagName ?? null, text: el?.textContent ?? null, inView: top >= 0 && top < innerHeight };
  }, id);

describe('rules page', () => {
  it('the popup links a finding to its rule, and the page opens at that rule', async () => {
    const { page, tabId } = await visit('program-placeholder.html?aff=TEST');
    const popup = await openPopup(launched, tabId);
    // The error row opens by itself: its finding carries the link.
    const link = await popup.waitForSelector('[data-row="program"] a.finding-docs');
    const attrs = await link?.evaluate((a) => ({
      href: a.getAttribute('href'),
      target: a.getAttribute('target'),
      text: a.textContent,
    }));
    expect(attrs).toEqual({
      href: `${launched.extensionBase}/rules.html#program.placeholder`,
      target: '_blank',
      text: 'Learn more about program.placeholder',
    });
    await popup.screenshot({ path: resolve(SHOTS, 'popup-learn-more.png') });

    // Reached from the keyboard, it opens the rule in a new tab.
    await link?.focus();
    const opened = launched.browser.waitForTarget((t) => t.url() === attrs?.href);
    await popup.keyboard.press('Enter');
    const rules = await (await opened).page();
    if (!rules) throw new Error('the rules page did not open as a page');
    await rules.waitForFunction(() => document.getElementById('program.placeholder') !== null);
    expect(await shown(rules, 'program.placeholder')).toEqual({
      tag: 'H2',
      text: 'program.placeholder',
      inView: true,
    });
    await Promise.all([rules.close(), popup.close(), page.close()]);
  });

  it('the DevTools panel links its findings the same way', async () => {
    const { page, tabId } = await visit('program-placeholder.html?aff=TEST');
    const panel = await launched.browser.newPage();
    await panel.setViewport({ width: 900, height: 600 });
    await panel.goto(`${launched.extensionBase}/devtools-panel.html?tab=${tabId}&theme=dark`);
    const findingsTab = await panel.waitForSelector('xpath/.//*[@role="tab"][contains(., "Findings")]');
    await findingsTab?.click();
    const link = await panel.waitForSelector('a.finding-docs');
    expect(await link?.evaluate((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      `${launched.extensionBase}/rules.html#program.placeholder`,
      'Learn more about program.placeholder',
    ]);
    await panel.screenshot({ path: resolve(SHOTS, 'panel-learn-more-dark.png') });
    await Promise.all([panel.close(), page.close()]);
  });

  it('has a section for every rule, light and dark', async () => {
    const rules = await launched.browser.newPage();
    await rules.setViewport({ width: 900, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      await rules.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await rules.goto(`${launched.extensionBase}/rules.html#snippet.delayed`);
      await rules.waitForFunction(() => document.getElementById('snippet.delayed') !== null);
      expect(await shown(rules, 'snippet.delayed')).toMatchObject({ tag: 'H2', inView: true });
      const background = await rules.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(27, 29, 34)');
      await rules.screenshot({ path: resolve(SHOTS, `rules-${scheme}.png`) });
    }
    await rules.goto(`${launched.extensionBase}/rules.html`);
    await rules.waitForSelector('h1');
    await rules.screenshot({ path: resolve(SHOTS, 'rules-top-dark.png') });
    const ids = await rules.$$eval('h2[id]', (headings) => headings.map((h) => h.id));
    expect(ids).toEqual([...RULE_IDS]);
    await rules.close();
  });
});
