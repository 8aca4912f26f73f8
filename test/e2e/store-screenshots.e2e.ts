/**
 * Store screenshots (Chrome Web Store, AMO): 1280×800 PNGs of the real extension, built for
 * Chromium, on the demo shop's pricing page as a referred visitor — its late Team link is the
 * one error. Written to test-results/store/ for an upload (store/listing.md), not kept in git.
 *
 * 1. the page with the toolbar popup over its top right corner, as a browser shows it (the
 *    popup page at Chromium's largest popup size, 400×600, laid over the page's own
 *    screenshot: automation cannot photograph a real popup window);
 * 2. the DevTools panel's Timeline, the error selected, its details beside it;
 * 3. the panel's Links tab docked below the page, as DevTools docks it: each link's id before
 *    and after the test click.
 *
 * The panel is its extension page opened in a 1280×800 tab with `?tab=`, as panel.e2e.ts does.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import { AS_BUILT, ROOT, saveSettingsOnce, selectTeamFinding, until, watchEnded } from './support';

const OUT = resolve(ROOT, 'test-results', 'store');
const SIZE = { width: 1280, height: 800 };
/** Chromium's largest popup (a popup window is at most 800×600); 400 px is the popup's own width. */
const POPUP = { width: 400, height: 600 };
/** The part of the page above a docked panel: the pricing cards down to their buttons. */
const DOCKED_PAGE = { y: 290, height: 480 };

let shop: StaticServer;
let launched: Launched;
/** The merchant's page the screenshots are about. */
let page: Page;
let tabId: number;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  shop = await serveStatic(resolve(ROOT, 'test', 'demo-shop'));
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
    AS_BUILT,
  );
  await shortWatch();
  page = await launched.browser.newPage();
  await page.setViewport(SIZE);
  await interceptTraffic(page, { stub: true });
  await page.goto(`${shop.origin}/pricing.html?aff=DEMO`, { waitUntil: 'load' });
  // The Team link appears 1 s after load: the screenshots show all three.
  const snap = await until(
    'the watch to end with the late Team link',
    () => watchEnded(page),
    (s) => s.page.links.length === 3,
  );
  tabId = snap.tabId;
});
afterAll(async () => {
  await launched?.close();
  await shop?.close();
});

/** The extension's own setting, as popup.e2e.ts sets it: the watch ends 500 ms after load. */
function shortWatch(): Promise<void> {
  return saveSettingsOnce(launched, { graceMs: 500, clickTestOrigins: [] });
}

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk's length and type). */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Writes `shot` from a 1280×800 viewport and checks the file is exactly that size. */
async function store(shot: Page, name: string): Promise<void> {
  const path = resolve(OUT, name);
  await shot.mouse.move(0, 0);
  await settled(shot);
  await shot.screenshot({ path, type: 'png' });
  expect(pngSize(path), name).toEqual(SIZE);
}

/** Once every finite animation and transition (the opened row's chevron turning) has finished. */
async function settled(shot: Page): Promise<void> {
  await shot.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished),
    ),
  );
}

/** The popup for the tab once opening it has test-clicked the links: the error and its fix. */
async function popupShot(): Promise<Buffer> {
  const popup = await launched.browser.newPage();
  await popup.setViewport(POPUP);
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await popup.goto(`${launched.extensionBase}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(
    () =>
      document.querySelector('[data-testid="verdict"] .verdict-title')?.textContent === '1 error, 0 warnings',
  );
  await settled(popup);
  const png = Buffer.from(await popup.screenshot({ type: 'png' }));
  await popup.close();
  return png;
}

/** One image of a composition: a PNG and where it goes (CSS). */
type Layer = { png: Buffer; style: string };

/** A 1280×800 page showing `layers` (screenshots of the real pages) where each one's style puts it. */
async function composed(layers: Layer[]): Promise<Page> {
  const frame = await launched.browser.newPage();
  await frame.setViewport(SIZE);
  const img = ({ png, style }: Layer) =>
    `<img alt="" src="data:image/png;base64,${png.toString('base64')}" style="position:absolute;${style}">`;
  await frame.setContent(
    `<!doctype html><html><body style="margin:0;overflow:hidden;background:#fff">${layers.map(img).join('')}</body></html>`,
    { waitUntil: 'load' },
  );
  return frame;
}

/** The merchant's page as it stands (scrolled to the top), or the part of it `clip` names. */
async function pageShot(clip?: { y: number; height: number }): Promise<Buffer> {
  await page.bringToFront();
  await page.evaluate(() => window.scrollTo(0, 0));
  return Buffer.from(
    await page.screenshot({ type: 'png', ...(clip && { clip: { x: 0, width: SIZE.width, ...clip } }) }),
  );
}

/** The panel page for the tab, light, at 1280×800, with the three links' test clicks shown. */
async function openPanel(): Promise<Page> {
  const panel = await launched.browser.newPage();
  await panel.setViewport(SIZE);
  await panel.goto(`${launched.extensionBase}/devtools-panel.html?tab=${tabId}&theme=light`);
  await (await panel.waitForSelector('#tab-links'))?.click();
  await until(
    'the panel to show the three test clicks',
    () =>
      panel.$$eval('table.links tbody tr td[data-label="Status"] .status-words', (cells) =>
        cells.map((c) => c.textContent),
      ),
    (words) => words.join() === 'ok after click,ok after click,missing id',
  );
  return panel;
}

describe('store screenshots, 1280×800, from the real extension', () => {
  it('the popup over the page it checks: the error, its fix and the links', async () => {
    const popupPng = await popupShot();
    const frame = await composed([
      { png: await pageShot(), style: `top:0;left:0;width:${SIZE.width}px;height:${SIZE.height}px` },
      {
        png: popupPng,
        style: `top:8px;right:16px;width:${POPUP.width}px;height:${POPUP.height}px;border:1px solid #c8c8cc;
          border-radius:8px;box-shadow:0 8px 28px rgb(0 0 0 / 28%)`,
      },
    ]);
    await store(frame, '1-popup.png');
    await frame.close();
  });

  it('the DevTools panel: the Timeline with the error selected; the Links tab docked below the page', async () => {
    const panel = await openPanel();
    await (await panel.waitForSelector('#tab-timeline'))?.click();
    await selectTeamFinding(panel);
    expect(await panel.$eval('body', (b) => b.textContent)).toContain('has no client_reference_id');
    await store(panel, '2-panel-timeline.png');
    // DevTools docked at the bottom: the pricing cards above, the Links tab below.
    await (await panel.waitForSelector('#tab-links'))?.click();
    await panel.setViewport({ width: SIZE.width, height: SIZE.height - DOCKED_PAGE.height });
    const panelPng = Buffer.from(await panel.screenshot({ type: 'png' }));
    await panel.close();
    const frame = await composed([
      { png: await pageShot(DOCKED_PAGE), style: `top:0;left:0;height:${DOCKED_PAGE.height}px` },
      {
        png: panelPng,
        style: `top:${DOCKED_PAGE.height}px;left:0;height:${SIZE.height - DOCKED_PAGE.height}px;
          border-top:1px solid #c8c8cc;box-sizing:border-box`,
      },
    ]);
    await store(frame, '3-panel-links-docked.png');
    await frame.close();
  });
});
