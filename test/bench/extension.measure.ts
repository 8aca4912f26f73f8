// @vitest-environment node
/**
 * The extension's budgets, measured side by side in one run on this machine:
 * script sizes, page load with / without the extension, cost per `po` call, and the wall
 * time of the demo shop's 3-page journey. Prints a table; asserts nothing about time.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, it } from 'vitest';
import { CHROME_ARGS, extensionDir, findBrowser, launchWithExtension } from '../../src/cli/browsers';
import { runCheck } from '../../src/cli/check';
import { demoJourney } from '../../src/cli/demo';
import { interceptTraffic } from '../../src/cli/intercept';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import type { ReportTiming } from '../../src/report/schema';
import { stubPartnero } from '../../src/stub';

const ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * Page-load pairs per row. Pairs here spread by a third either way, so a median of 60 moved by
 * ±4 % from run to run (0.99× and 1.07× for the same build): 240 bring that to about ±2–3 %.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 240);
/** Fresh browser pairs the page-load rounds are split over. */
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 12);
const CALLS = 20_000;
const rows: [string, string, string][] = [];
const row = (what: string, value: string, budget: string) => rows.push([what, value, budget]);

let server: StaticServer;
/** A browser and how to close it. */
interface Opened {
  browser: Browser;
  close(): Promise<void>;
}
let plain: Opened;
let withExt: Opened;

beforeAll(async () => {
  // universal.js and settings.js from the same local server: interception through the
  // driver would add its own round trips (and their noise) to every load measured.
  server = await serveStatic(resolve(ROOT, 'test', 'fixtures'), 0, (path, method) => {
    if (path === '/bench-assets/vendor.js')
      return { status: 200, contentType: 'text/javascript', body: VENDOR_JS };
    if (path === '/bench-assets/site.css') return { status: 200, contentType: 'text/css', body: SITE_CSS };
    const [, prefix, rest] = /^\/(partnero|partnero-assets)(\/.*)$/.exec(path) ?? [];
    if (!prefix) return null;
    const host = prefix === 'partnero' ? 'app.partnero.com' : 'assets.partnero.com';
    return stubPartnero({ url: `https://${host}${rest}`, method });
  });
  // The same browser, flags and all, without and with our extension installed.
  plain = await freshBrowser(false);
  withExt = await freshBrowser(true);
});

afterAll(async () => {
  await plain?.close();
  await withExt?.close();
  await server?.close();
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(
    `\nPartnero Inspector — budgets (${new Date().toISOString()})\n${rows
      .map(([w, v, b]) => `  ${w.padEnd(width)}  ${v.padStart(12)}   budget ${b}`)
      .join('\n')}\n\n`,
  );
});

/**
 * What a typical merchant page also loads: a ~300 KB framework bundle that does work on
 * start-up, and a ~60 KB stylesheet (generated here, so nothing large is committed).
 */
const VENDOR_JS = Array.from(
  { length: 3000 },
  (_, i) => `function m${i}(a){let s=0;for(let k=0;k<40;k++)s+=(a*${i}+k)%7;return s}`,
)
  .join('\n')
  .concat('\nlet total=0;for(let i=0;i<3000;i++)total+=globalThis["m"+i](i);window.__vendor=total;');
const SITE_CSS = Array.from(
  { length: 1500 },
  (_, i) =>
    `.c${i} .x${i % 40} > a:hover{color:#${(i * 37).toString(16).padStart(3, '0').slice(0, 3)};margin:${i % 9}px}`,
).join('\n');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function prepared(browser: Browser, intercept = true): Promise<Page> {
  const page = await browser.newPage();
  if (intercept) await interceptTraffic(page, { stub: true });
  return page;
}

/** ms from navigation start to the end of the load event. */
async function loadTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd - nav.startTime;
  });
}

/** µs per po() call after universal.js took the queue over. */
async function callCost(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate((n) => {
    const po = (window as unknown as { po: (...a: unknown[]) => unknown }).po;
    for (let i = 0; i < 1000; i++) po('settings', 'warmup', i);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) po('settings', 'bench', i);
    return ((performance.now() - t0) * 1000) / n;
  }, CALLS);
}

it('script sizes', () => {
  for (const [name, budget] of [
    ['page-hook', 4096],
    ['bridge', 30 * 1024],
  ] as const) {
    const file = resolve(
      extensionDir('chrome', ROOT),
      name === 'bridge' ? '' : 'content-scripts',
      `${name}.js`,
    );
    const text = readFileSync(file, 'utf8');
    const size = statSync(file).size;
    row(
      `${name}.js size${/ZodError|zod/.test(text) ? ' (contains zod!)' : ''}`,
      `${size} B`,
      `≤ ${budget} B`,
    );
  }
});

/** A fresh browser (closed by the caller): without the extension, or with it as users have it. */
async function freshBrowser(withExtension: boolean): Promise<Opened> {
  const chrome = findBrowser('chrome') as string;
  if (!withExtension) {
    const browser = await puppeteer.launch({
      executablePath: chrome,
      pipe: true,
      headless: true,
      enableExtensions: true,
      args: CHROME_ARGS,
    });
    return { browser, close: () => browser.close() };
  }
  const launched = await launchWithExtension(
    'chrome',
    chrome,
    process.env.BENCH_EXTENSION_DIR ?? extensionDir('chrome', ROOT),
    // As users have it (the check's copy adds webRequest, which costs every page: README).
    { asBuilt: true },
  );
  return launched;
}

/** Loads of `url` in `a` and `b` back to back, ROUNDS pairs; which side goes first alternates. */
async function pairs(a: Page, b: Page, url: string, rounds: number): Promise<[number[], number[]]> {
  await loadTime(a, url);
  await loadTime(b, url);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // The second load of a pair runs on warmer caches: that must count for neither side.
    if (i % 2 === 0) {
      ta.push(await loadTime(a, url));
      tb.push(await loadTime(b, url));
    } else {
      tb.push(await loadTime(b, url));
      ta.push(await loadTime(a, url));
    }
  }
  return [ta, tb];
}

/**
 * Paired load-time ratios of `url`, with the extension (`b`) over without (`a`), in BLOCKS
 * blocks of fresh browsers: one browser instance can be a few percent faster than its twin
 * for as long as it lives (the control row read 0.95× with one pair), so each block gets a
 * new pair and that bias averages out.
 */
async function pairedRatios(
  url: string,
  bWithExtension: boolean,
): Promise<{ a: number[]; b: number[]; ratios: number[] }> {
  const a: number[] = [];
  const b: number[] = [];
  const perBlock = Math.max(2, Math.round(ROUNDS / BLOCKS));
  for (let block = 0; block < BLOCKS; block++) {
    const [left, right] = [await freshBrowser(false), await freshBrowser(bWithExtension)];
    try {
      const [ta, tb] = await pairs(
        await prepared(left.browser, false),
        await prepared(right.browser, false),
        url,
        perBlock,
      );
      a.push(...ta);
      b.push(...tb);
    } finally {
      await left.close();
      await right.close();
    }
  }
  return { a, b, ratios: b.map((t, i) => t / (a[i] as number)) };
}

const quartiles = (xs: number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const q = (f: number) => (sorted[Math.floor(f * (sorted.length - 1))] as number).toFixed(3);
  return `${q(0.25)}–${q(0.75)}`;
};

it('page load, control: browsers without the extension on both sides (the noise floor of the ratios)', async () => {
  const { ratios } = await pairedRatios(`${server.origin}/bench-no-partnero.html?heavy=1`, false);
  row(
    'control, no extension on either side: ratio',
    `${median(ratios).toFixed(3)}×`,
    `1.000× ideal; pairs' IQR ${quartiles(ratios)}`,
  );
});

it.each([
  ['a minimal page', 'bench-page.html?aff=BENCH&local=1', '1.03'],
  ['a typical merchant page', 'bench-page.html?aff=BENCH&local=1&heavy=1', '1.03'],
  ['a typical page without Partnero', 'bench-no-partnero.html?heavy=1', '1.01'],
])('page load with / without the extension: %s', async (label, path, budget) => {
  const { a: without, b: withIt, ratios } = await pairedRatios(`${server.origin}/${path}`, true);
  row(`${label}: load without (median ms)`, median(without).toFixed(1), '');
  row(`${label}: load with (median ms)`, median(withIt).toFixed(1), '');
  row(
    `${label}: ratio with/without`,
    `${median(ratios).toFixed(3)}×`,
    `≤ ${budget}× (median of ${ratios.length} pairs in ${BLOCKS} browser pairs; IQR ${quartiles(ratios)})`,
  );
});

/**
 * The extension's own script time on the page's main thread between navigation and `load`,
 * from a Chrome trace: far steadier than a ratio of load times on a noisy machine, and it
 * says where the time goes.
 */
async function extensionScriptBeforeLoad(page: Page, url: string): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), 'pi-trace-')), 'trace.json');
  await page.tracing.start({
    path: file,
    categories: ['devtools.timeline', 'v8.execute', 'blink', 'loading'],
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.tracing.stop();
  const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] };
  const events = trace.traceEvents;
  const load = Math.max(...events.filter((e) => e.name === 'MarkLoad').map((e) => e.ts));
  const ours = events.filter(
    (e) =>
      (e.name === 'EvaluateScript' || e.name === 'FunctionCall') &&
      e.dur !== undefined &&
      // The MAIN-world hook's frames carry its sourceURL (wxt.config.ts), not the extension's URL.
      /^chrome-extension:\/\/|^partnero-inspector-hook\.js$/.test(e.args?.data?.url ?? ''),
  );
  // The new document starts with our document_start scripts; earlier events are the old page's.
  const start = Math.min(...ours.filter((e) => e.name === 'EvaluateScript').map((e) => e.ts));
  const before = ours.filter((e) => e.ts >= start && e.ts < load);
  // A call inside another of ours (the bridge's listener run by the hook's hand-over event) is
  // already in that one's duration: counted once.
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const outer = before.filter((e) => !before.some((o) => o !== e && o.ts <= e.ts && end(o) >= end(e)));
  return outer.reduce((ms, e) => ms + (e.dur ?? 0) / 1000, 0);
}

/** Traces per page: single ones spread by half on a busy 2-core machine. */
const TRACES = 21;

interface TraceEvent {
  name: string;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string } };
}

it.each([
  ['typical page', 'bench-page.html?aff=BENCH&local=1&heavy=1'],
  ['page without Partnero', 'bench-no-partnero.html?heavy=1'],
])('extension script before load, traced: %s', async (label, path) => {
  const url = `${server.origin}/${path}`;
  const page = await prepared(withExt.browser, false);
  for (let i = 0; i < 3; i++) await loadTime(page, url);
  const ms: number[] = [];
  for (let i = 0; i < TRACES; i++) ms.push(await extensionScriptBeforeLoad(page, url));
  row(`extension script before load, ${label} (ms)`, median(ms).toFixed(2), `median of ${TRACES} traces`);
});

it('cost of one po() call', async () => {
  const url = `${server.origin}/bench-page.html`;
  const [a, b] = [await prepared(plain.browser), await prepared(withExt.browser)];
  const without: number[] = [];
  const withIt: number[] = [];
  for (let i = 0; i < 5; i++) {
    without.push(await callCost(a, url));
    withIt.push(await callCost(b, url));
  }
  row('po() call without (µs)', median(without).toFixed(2), '');
  row('po() call with (µs)', median(withIt).toFixed(2), '');
  row('po() added per call (µs)', (median(withIt) - median(without)).toFixed(2), '≤ 5 µs');
});

it.each([
  ['adaptive watch (default)', false],
  ['--full-wait', true],
])('3-page demo journey, default --wait 3000: %s', async (label, fullWait) => {
  const t0 = performance.now();
  const base = {
    help: false,
    version: false,
    urls: [],
    aff: undefined,
    param: 'aff',
    json: true,
    junit: undefined,
    failOn: 'error' as const,
    browser: 'chrome' as const,
    stubPartnero: true,
    waitMs: 3000,
    fullWait,
    clickTest: true,
    timeoutMs: 30_000,
    allowHttpErrors: false,
    config: undefined,
    journeys: [],
    format: undefined,
    summary: undefined,
    report: undefined,
  };
  const { server: shop, options } = await demoJourney(ROOT, base);
  let timing: ReportTiming | undefined;
  try {
    timing = (await runCheck(options, ROOT, 'bench')).timing;
  } finally {
    await shop.close();
  }
  const s = (ms = Number.NaN) => (ms / 1000).toFixed(2);
  row(`3-page journey, ${label} (s)`, s(timing?.journeyMs), fullWait ? '' : 'whole process under 4 s');
  row('  browser start with the extension (s)', s(timing?.browserStartMs), '');
  row('  whole run incl. demo server, start and close (s)', s(performance.now() - t0), '');
});
