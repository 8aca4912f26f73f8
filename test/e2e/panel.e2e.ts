/**
 * The DevTools panel in real (headless) Chromium DevTools: rows appear live while the page
 * calls `po`, page data stays text, and an export equals the CLI's JSON for the same page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import { type PageReport, ReportSchema } from '../../src/report/schema';
import { ROOT, serveFixtures } from './support';

let server: StaticServer;
let launched: Launched;
beforeAll(async () => {
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
  );
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

/** Opens DevTools for `page`, shows the Partnero panel and returns the panel's frame. */
async function openPanel(page: Page): Promise<Frame> {
  const devtools = await page.openDevTools();
  const panelId = `chrome-extension://${launched.extensionId}Partnero`;
  // A string, not a function: the test runner would rewrite a function's import().
  const show = `(async () => {
    try {
      const legacy = await import('./ui/legacy/legacy.js');
      await legacy.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
      return true;
    } catch { return false; }
  })()`;
  // The extension registers its panel a moment after DevTools opens: ask until it shows.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    await devtools.evaluate(show);
    for (let i = 0; i < 10; i++) {
      const frame = devtools.frames().find((f) => f.url().includes('devtools-panel.html'));
      if (frame) {
        await frame.waitForSelector('.tabs', { timeout: 15_000 });
        return frame;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error('the Partnero panel did not appear in DevTools');
}

const rowTexts = (panel: Frame) =>
  panel.$$eval('.cell-summary', (cells) => cells.map((c) => c.textContent ?? ''));

/** A report entry without what differs between two runs of the same page (times, port of the run). */
function comparable(p: PageReport) {
  const { calls, transactions, requests: _r, finalUrl: _f, url: _u, ...rest } = p;
  return {
    ...rest,
    calls: calls.map((c) => c.args),
    transactions: transactions.map((t) => t.payload),
  };
}

describe('DevTools panel', () => {
  it('shows calls live, renders page data as text, and exports what the CLI reports', async () => {
    const page = await launched.browser.newPage();
    await launched.browser.deleteCookie(...(await launched.browser.cookies()));
    await interceptTraffic(page, { stub: true });
    const url = `${server.origin}/panel-live.html?aff=TEST`;
    await page.goto(url, { waitUntil: 'load' });
    const panel = await openPanel(page);

    // Calls made before DevTools opened are there…
    await panel.waitForFunction(() =>
      [...document.querySelectorAll('.cell-summary')].some((c) => c.textContent?.includes('"load"')),
    );
    // …and a call the page makes now appears while we watch.
    await page.evaluate(() =>
      (window as unknown as { po: (...a: unknown[]) => void }).po('settings', 'live_probe', 'x'),
    );
    await panel.waitForFunction(
      () =>
        [...document.querySelectorAll('.cell-summary')].some((c) => c.textContent?.includes('live_probe')),
      { timeout: 10_000 },
    );
    expect((await rowTexts(panel)).some((t) => t.includes('live_probe'))).toBe(true);

    // Page markup in link text is shown as text: nothing ran, no element was made of it.
    const snap = await askExtension(page, { op: 'finish', clickTest: true, expectPartnero: true });
    await panel.waitForFunction(
      () =>
        [...document.querySelectorAll('.cell-summary')].some((c) => c.textContent?.includes('test click')),
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await panel.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);

    // Export (a download) equals the CLI's JSON for the same page. The last thing the end
    // of the watch adds is the cookie's expiry: once the Cookie view shows it, the panel has
    // the final state.
    const cookieTab = await panel.waitForSelector('xpath/.//*[@role="tab"][contains(., "Cookie")]');
    await cookieTab?.click();
    await panel.waitForFunction(() => /\(in \d+ d/.test(document.body.textContent ?? ''), {
      timeout: 10_000,
    });
    const dir = mkdtempSync(join(tmpdir(), 'pi-export-'));
    const cdp = await launched.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    const exportButton = await panel.waitForSelector('xpath/.//button[normalize-space()="Export"]');
    await exportButton?.click();
    const deadline = Date.now() + 10_000;
    while (!readdirSync(dir).some((f) => f.endsWith('.json')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.json'));
    expect(file).toBeDefined();
    const exported = ReportSchema.parse(JSON.parse(readFileSync(join(dir, file as string), 'utf8')));
    const cli = await runCli(['check', url, '--stub-partnero', '--wait', '500', '--json']);
    expect(exported.pages).toHaveLength(1);
    const fromPanel = comparable(exported.pages[0] as PageReport);
    // The one call this test made itself is the only difference from the CLI's run.
    fromPanel.calls = fromPanel.calls.filter((args) => args[1] !== 'live_probe');
    expect(fromPanel).toEqual(comparable(cli.pages[0] as PageReport));
    expect(exported.pages[0]?.findings.map((f) => f.rule)).toEqual(snap.findings.map((f) => f.rule));
  });
});

function runCli(args: string[]): Promise<ReturnType<typeof ReportSchema.parse>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'src', 'cli', 'bin.mjs'), ...args]);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', () => {
      try {
        done(ReportSchema.parse(JSON.parse(out)));
      } catch (err) {
        fail(err);
      }
    });
  });
}
