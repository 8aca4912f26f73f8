/**
 * The DevTools panel in real (headless) Chromium DevTools: rows appear live while the page
 * calls `po`, page data stays text, and an export equals the CLI's JSON for the same page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { extensionDir, findBrowser, type Launched, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import { type PageReport, ReportSchema } from '../../src/report/schema';
import { AS_BUILT, ROOT, selectTeamFinding, serveFixtures, until, watchEnded } from './support';

/** Screenshots of the panel, kept in the repository (README, reviews). */
const SHOTS = resolve(ROOT, 'test', 'screenshots');

let server: StaticServer;
let launched: Launched;
beforeAll(async () => {
  server = await serveFixtures();
  launched = await launchWithExtension(
    'chrome',
    findBrowser('chrome') as string,
    extensionDir('chrome', ROOT),
    AS_BUILT,
  );
});
afterAll(async () => {
  await launched?.close();
  await server?.close();
});

/** Opens DevTools for `page`, shows the Partnero panel and returns the panel's frame. */
async function openPanel(page: Page): Promise<Frame> {
  const devtools = await page.openDevTools();
  // Puppeteer emulates its default 800×600 viewport on the DevTools page too, but the window
  // is smaller (780×493 here): whatever is laid out below its real height takes no clicks.
  await devtools.setViewport(null);
  const panelId = `chrome-extension://${launched.extensionId}Partnero`;
  // A string, not a function: the test runner would rewrite a function's import().
  // The extension registers its panel a moment after DevTools opens: true once it is
  // registered and shown (showPanel quietly does nothing for a panel it does not know yet).
  const shown = `(async () => {
    try {
      const legacy = await import('./ui/legacy/legacy.js');
      const inspector = legacy.InspectorView.InspectorView.instance();
      if (!inspector.hasPanel(${JSON.stringify(panelId)})) return false;
      await inspector.showPanel(${JSON.stringify(panelId)});
      return true;
    } catch { return false; }
  })()`;
  const isPanel = (f: Frame) => f.url().includes('devtools-panel.html');
  const deadline = Date.now() + 45_000;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('the Partnero panel did not appear in DevTools');
    await devtools.waitForFunction(shown, { polling: 100, timeout: left });
    // Its frame loads now; should it not (seen once in many runs), show the panel again.
    const frame = await devtools.waitForFrame(isPanel, { timeout: 5_000 }).catch(() => null);
    if (frame) {
      await frame.waitForSelector('.tabs', { timeout: 15_000 });
      return frame;
    }
  }
}

/** `promise`, or a failure saying `what` if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(what)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** For `.catch`: fails saying what did not happen (a bare timeout does not say). */
const failWith =
  (what: string) =>
  (err: unknown): never => {
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  };

/** The Links tab's rows as {column label: cell text}, the Status cell as its words and its mark. */
const linkRows = (panel: Frame) =>
  panel.$$eval('table.links tbody tr', (rows) =>
    rows.map((row) => ({
      ...Object.fromEntries(
        [...row.querySelectorAll<HTMLElement>('td[data-label]')].map((td) => [
          td.dataset.label,
          td.dataset.label === 'Status'
            ? (td.querySelector('.status-words')?.textContent ?? '')
            : (td.textContent ?? ''),
        ]),
      ),
      mark: row.querySelector('td[data-label="Status"] .mark [aria-hidden="true"]')?.textContent,
    })),
  );

/** The Payment Links of panel-links.html: text and href. */
const LINKS = [
  ['Buy Starter', 'https://buy.stripe.com/14k5lA0Qm3bY8aY000'],
  ['Buy Pro', 'https://buy.stripe.com/28o5lA0Qm3bY8aY001'],
  ['Buy Team', 'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002'],
] as const;

/** A Links tab row after a test click that left `afterClick` (every link in the top frame: no Frame column). */
const row = (text: string, href: string, afterClick: string, status: string, mark: string) => ({
  Text: text,
  href,
  client_reference_id: 'none',
  'After click': `${afterClick} (test click)`,
  Status: status,
  mark,
});

/** Clicks the panel's button labelled `label`. */
async function clickButton(panel: Frame, label: string): Promise<void> {
  await (await panel.waitForSelector(`xpath/.//button[normalize-space()="${label}"]`))?.click();
}

/**
 * Waits until the Links tab shows `expected`, then asserts it (a failure shows the last rows):
 * the panel follows the tab's snapshots, which settle a moment after each click.
 */
async function rowsBecome(panel: Frame, expected: Awaited<ReturnType<typeof linkRows>>): Promise<void> {
  const rows = await until(
    'the Links tab to show the expected rows',
    () => linkRows(panel),
    (r) => isDeepStrictEqual(r, expected),
  ).catch(() => linkRows(panel));
  expect(rows).toEqual(expected);
}

/** A button of the Links tab row whose Text cell is `text`. */
async function rowButton(panel: Frame, text: string, label: 'Reveal' | 'Test click') {
  const button = await panel.waitForSelector(
    `xpath/.//table[contains(@class, "links")]//tr[td[@data-label="Text"][normalize-space()="${text}"]]//button[normalize-space()="${label}"]`,
  );
  if (!button) throw new Error(`no ${label} button in the row of ${text}`);
  return button;
}

const rowTexts = (panel: Frame) =>
  panel.$$eval('.cell-summary', (cells) => cells.map((c) => c.textContent ?? ''));

/**
 * A report entry without what differs between two runs of the same page (times, port of the
 * run) and what only the CLI's driver knows (the document's HTTP status).
 */
function comparable(p: PageReport) {
  const { calls, transactions, requests: _r, finalUrl: _f, url: _u, status: _s, ...rest } = p;
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
    await cdp.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: dir,
      eventsEnabled: true,
    });
    const downloaded = new Promise<string>((done, fail) => {
      let name = '';
      cdp.on('Browser.downloadWillBegin', (e) => {
        name = e.suggestedFilename;
      });
      cdp.on('Browser.downloadProgress', (e) => {
        if (e.state === 'completed') done(name);
        if (e.state === 'canceled') fail(new Error('the export download was canceled'));
      });
    });
    const exportButton = await panel.waitForSelector('xpath/.//button[normalize-space()="Export"]');
    await exportButton?.click();
    const file = await within(downloaded, 15_000, 'the export download did not complete');
    expect(file).toMatch(/^partnero-capture-127\.0\.0\.1_\d+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    expect(readdirSync(dir)).toEqual([file]);
    const exported = ReportSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const cli = await runCli(['check', url, '--stub-partnero', '--wait', '500', '--json']);
    expect(exported.pages).toHaveLength(1);
    const fromPanel = comparable(exported.pages[0] as PageReport);
    // The one call this test made itself is the only difference from the CLI's run.
    fromPanel.calls = fromPanel.calls.filter((args) => args[1] !== 'live_probe');
    expect(fromPanel).toEqual(comparable(cli.pages[0] as PageReport));
    expect(exported.pages[0]?.findings.map((f) => f.rule)).toEqual(snap.findings.map((f) => f.rule));
  });

  it('toolbar and Links tab: a referred visit, Test all links, Test click on one link, Reveal', async () => {
    const page = await launched.browser.newPage();
    await launched.browser.deleteCookie(...(await launched.browser.cookies()));
    await interceptTraffic(page, { stub: true });
    const plain = `${server.origin}/panel-links.html`;
    await page.goto(plain, { waitUntil: 'load' });
    const panel = await openPanel(page);
    await (await panel.waitForSelector('#tab-links'))?.click();
    // Opening the panel test-clicks the links once: no visitor cookie, so with the probe.
    const probed = await until(
      'the test click of the panel’s opening',
      () => linkRows(panel),
      (rows) => rows.length === 3 && rows.every((r) => r.Status === 'ok after click'),
    );
    expect(probed.map((r) => [r.mark, r['After click']?.endsWith(' (test click)')])).toEqual(
      Array(3).fill(['✓', true]),
    );

    // Simulate a referred visit: the tab reopens with ?aff=TEST, the stand-in's universal.js
    // sets the cookie, and the new page's links are test-clicked with it.
    await clickButton(panel, 'Simulate a referred visit');
    await until(
      'the referred visit',
      async () => page.url(),
      (url) => url === `${plain}?aff=TEST`,
    );
    await rowsBecome(
      panel,
      LINKS.map(([text, href]) => row(text, href, 'TEST', 'ok after click', '✓')),
    );

    // Another partner's cookie now: Test click on Pro clicks Pro alone; Test all links, all.
    await testClicksProAlone(page, panel);
    await testsAllLinks(panel);
    await panel.waitForSelector('xpath/.//button[normalize-space()="Test all links"][not(@disabled)]');
    expect(page.url()).toBe(`${plain}?aff=TEST`);

    // Reveal on Team, which sits far below the fold.
    await revealsTeam(page, panel);
    await page.close();
  });
});

/** With another partner's cookie, Test click on Pro clicks Pro alone: the others keep the old key. */
async function testClicksProAlone(page: Page, panel: Frame): Promise<void> {
  await page.evaluate(() => {
    // biome-ignore lint/suspicious/noDocumentCookie: the page itself moves to another partner's key.
    document.cookie = 'partnero_partner=OTHER; path=/';
  });
  await (await rowButton(panel, 'Buy Pro', 'Test click')).click();
  await rowsBecome(
    panel,
    LINKS.map(([text, href]) =>
      text === 'Buy Pro'
        ? row(text, href, 'OTHER', 'ok after click', '✓')
        : row(text, href, 'TEST', 'wrong id', '✗'),
    ),
  );
  expect(
    await page.$$eval('a[id^="buy-"]', (links) => links.map((a) => (a as HTMLAnchorElement).href)),
  ).toEqual(
    LINKS.map(([text, href]) => `${href}?client_reference_id=${text === 'Buy Pro' ? 'OTHER' : 'TEST'}`),
  );
}

/** Test all links says so while it runs, and clicks every link. */
async function testsAllLinks(panel: Frame): Promise<void> {
  const busy = panel.waitForFunction(
    () =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === 'Testing links…' && b.disabled),
    { polling: 'mutation', timeout: 10_000 },
  );
  await clickButton(panel, 'Test all links');
  await busy.catch(failWith('Test all links never said “Testing links…”'));
  await rowsBecome(
    panel,
    LINKS.map(([text, href]) => row(text, href, 'OTHER', 'ok after click', '✓')),
  );
}

/** Reveal on Buy Team scrolls to it, outlines it alone for a moment, and clicks nothing. */
async function revealsTeam(page: Page, panel: Frame): Promise<void> {
  const before = await page.$eval('#buy-team', (a) => ({
    top: a.getBoundingClientRect().top,
    viewport: window.innerHeight,
  }));
  expect(before.top).toBeGreaterThan(before.viewport);
  expect(await page.$eval('#buy-team', (a) => (a as HTMLElement).style.outline)).toBe('');
  await page.$eval('#buy-team', (a) => {
    a.addEventListener('click', () => a.setAttribute('data-clicked', 'yes'), true);
  });
  // The outline is set at once and taken away 2 s later: watch the attribute from before
  // the click, so a slow round trip cannot make the test miss it.
  const outlined = page.waitForFunction(
    () => {
      const s = (document.querySelector('#buy-team') as HTMLElement).style;
      return s.outline ? { style: s.outlineStyle, width: s.outlineWidth } : false;
    },
    { polling: 'mutation', timeout: 10_000 },
  );
  await (await rowButton(panel, 'Buy Team', 'Reveal')).click();
  const outline = await outlined.catch(failWith('Reveal did not outline Buy Team'));
  expect(await outline.jsonValue()).toEqual({ style: 'solid', width: '3px' });
  // The scroll is smooth: it ends with Team inside the viewport.
  await page
    .waitForFunction(
      () => {
        const r = (document.querySelector('#buy-team') as HTMLElement).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      },
      { timeout: 10_000 },
    )
    .catch(failWith('Reveal did not scroll Buy Team into view'));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  // Only Team was outlined, and its own (empty) inline outline comes back.
  expect(
    await page.$$eval('#buy-starter, #buy-pro', (links) =>
      links.map((a) => (a as HTMLElement).style.outline),
    ),
  ).toEqual(['', '']);
  await page
    .waitForFunction(() => (document.querySelector('#buy-team') as HTMLElement).style.outline === '', {
      polling: 'mutation',
      timeout: 10_000,
    })
    .catch(failWith("Reveal did not restore Buy Team's outline"));
  expect(await page.$eval('#buy-team', (a) => a.getAttribute('data-clicked'))).toBeNull();
}

/**
 * The panel on the demo shop's journey (landing → pricing → confirmation, a referred visit),
 * opened as the DevTools panel page for the tab with preserve log on, as a user follows it;
 * then read and photographed: light and dark, docked at the side (400 px) and below (900 px).
 */
describe('DevTools panel on the demo journey', () => {
  let shop: StaticServer;
  beforeAll(async () => {
    shop = await serveStatic(resolve(ROOT, 'test', 'demo-shop'));
  });
  afterAll(async () => {
    await shop?.close();
  });

  /**
   * Each page of the journey, once its watch (and the click test the open panel asks for) is
   * over and the panel shows it: the user reads each page before moving on.
   */
  async function walk(page: Page): Promise<Page> {
    const panel = await launched.browser.newPage();
    await panel.setViewport({ width: 900, height: 600 });
    let snap = await askExtension(page, { op: 'state' });
    await panel.goto(`${launched.extensionBase}/devtools-panel.html?tab=${snap.tabId}&theme=light`);
    await (await panel.waitForSelector('xpath/.//label[contains(., "Preserve log")]/input'))?.click();
    await (await panel.waitForSelector('#tab-links'))?.click();
    snap = await watchEnded(page);
    let clicked = 0;
    for (const next of ['pricing.html', 'confirmation.html']) {
      await page.bringToFront();
      await page.goto(`${shop.origin}/${next}`, { waitUntil: 'load' });
      snap = await watchEnded(page, snap);
      clicked += snap.page.links.length;
      await until(
        'the panel to show the page’s test clicks',
        () => linkRows(panel.mainFrame()),
        (rows) =>
          rows.filter((r) => r['After click'] !== 'not clicked' && r.Status !== 'not verified').length ===
          clicked,
      );
    }
    await panel.bringToFront();
    return panel;
  }

  it('shows status words, marks, one cookie, no premature “resolved”; screenshots', async () => {
    const page = await launched.browser.newPage();
    await launched.browser.deleteCookie(...(await launched.browser.cookies()));
    await interceptTraffic(page, { stub: true });
    await page.goto(`${shop.origin}/index.html?aff=DEMO`, { waitUntil: 'load' });
    const panel = await walk(page);
    const tab = async (name: string) => (await panel.waitForSelector(`#tab-${name}`))?.click();

    await tab('links');
    await until(
      'the pricing page’s links in the panel',
      () => linkRows(panel.mainFrame()),
      (rows) => rows.length === 3,
    );
    expect((await linkRows(panel.mainFrame())).map((r) => [r.Text, r.Status, r.mark])).toEqual([
      ['Buy Starter', 'ok after click', '✓'],
      ['Buy Pro', 'ok after click', '✓'],
      ['Buy Team', 'missing id', '✗'],
    ]);
    // The href keeps its Payment Link id whatever the width.
    expect(
      await panel.$$eval('td[data-label="href"] .mid-tail', (tails) => tails.map((t) => t.textContent)),
    ).toEqual(['test_7sI5mC2Vu6eQ0Lu000', 'test_eVa6qG3Zy9r2dyg001', 'test_3cs9CS5HG6eQ8dW002']);

    await tab('cookie');
    expect(
      await panel.$$eval('.cookie-card', (cards) => cards.map((c) => c.getAttribute('aria-label'))),
    ).toEqual(['partnero_partner=DEMO']);
    expect(await panel.$eval('.cookie-card .card-head .muted', (el) => el.textContent)).toBe(
      'Pages 1, 2 and 3 (live)',
    );

    await tab('timeline');
    expect((await rowTexts(panel.mainFrame())).filter((t) => /resolved/i.test(t))).toEqual([]);

    for (const theme of ['light', 'dark'] as const) {
      await panel.evaluate((name) => {
        document.documentElement.dataset.theme = name;
      }, theme);
      for (const [width, height] of [
        [400, 720],
        [900, 600],
      ] as const) {
        await panel.setViewport({ width, height });
        for (const name of ['findings', 'links', 'timeline']) {
          await tab(name);
          if (name === 'timeline') await selectTeamFinding(panel);
          await panel.screenshot({ path: resolve(SHOTS, `panel-${name}-${theme}-${width}.png`) });
        }
      }
    }
    await Promise.all([panel.close(), page.close()]);
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
