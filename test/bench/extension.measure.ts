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
import {
  CHROME_ARGS,
  extensionDir,
  findBrowser,
  type Launched,
  launchWithExtension,
} from '../../src/cli/browsers';
import { runCheck } from '../../src/cli/check';
import { demoJourney } from '../../src/cli/demo';
import { interceptTraffic } from '../../src/cli/intercept';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';
import type { ReportTiming } from '../../src/report/schema';
import { stubPartnero } from '../../src/stub';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const CALLS = 20_000;
const rows: [string, string, string][] = [];
const row = (what: string, value: string, budget: string) => rows.push([what, value, budget]);

let server: StaticServer;
let plain: Browser;
let withExt: Launched;

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
  const chrome = findBrowser('chrome') as string;
  // The same browser, flags and all, only without our extension installed.
  plain = await puppeteer.launch({
    executablePath: chrome,
    pipe: true,
    headless: true,
    enableExtensions: true,
    args: CHROME_ARGS,
  });
  withExt = await launchWithExtension(
    'chrome',
    chrome,
    process.env.BENCH_EXTENSION_DIR ?? extensionDir('chrome', ROOT),
  );
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

/** Paired load-time ratios of `url`, `b` over `a`, alternating (machine noise hits both alike). */
async function pairedRatios(
  a: Page,
  b: Page,
  url: string,
): Promise<{ a: number[]; b: number[]; ratios: number[] }> {
  await loadTime(a, url);
  await loadTime(b, url);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ta.push(await loadTime(a, url));
    tb.push(await loadTime(b, url));
  }
  // Paired ratios (each pair loaded back to back) are far steadier than a ratio of medians.
  return { a: ta, b: tb, ratios: tb.map((t, i) => t / (ta[i] as number)) };
}

it('page load, control: two browsers without the extension (the noise floor of the ratios)', async () => {
  const twin = await puppeteer.launch({
    executablePath: findBrowser('chrome') as string,
    pipe: true,
    headless: true,
    enableExtensions: true,
    args: CHROME_ARGS,
  });
  try {
    const url = `${server.origin}/bench-no-partnero.html?heavy=1`;
    const { ratios } = await pairedRatios(await prepared(plain, false), await prepared(twin, false), url);
    const sorted = [...ratios].sort((x, y) => x - y);
    const q = (f: number) => (sorted[Math.floor(f * (sorted.length - 1))] as number).toFixed(3);
    row(
      'control, no extension on either side: ratio',
      `${median(ratios).toFixed(3)}×`,
      `1.000× ideal; pairs' IQR ${q(0.25)}–${q(0.75)}`,
    );
  } finally {
    await twin.close();
  }
});

it.each([
  ['a minimal page', 'bench-page.html?aff=BENCH&local=1', '1.03'],
  ['a typical merchant page', 'bench-page.html?aff=BENCH&local=1&heavy=1', '1.03'],
  ['a typical page without Partnero', 'bench-no-partnero.html?heavy=1', '1.01'],
])('page load with / without the extension: %s', async (label, path, budget) => {
  const url = `${server.origin}/${path}`;
  const runs = await pairedRatios(await prepared(plain, false), await prepared(withExt.browser, false), url);
  const { a: without, b: withIt, ratios } = runs;
  row(`${label}: load without (median ms)`, median(without).toFixed(1), '');
  row(`${label}: load with (median ms)`, median(withIt).toFixed(1), '');
  row(
    `${label}: ratio with/without`,
    `${median(ratios).toFixed(3)}×`,
    `≤ ${budget}× (median of ${ROUNDS} pairs)`,
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
  return ours.filter((e) => e.ts >= start && e.ts < load).reduce((ms, e) => ms + (e.dur ?? 0) / 1000, 0);
}

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
  for (let i = 0; i < 9; i++) ms.push(await extensionScriptBeforeLoad(page, url));
  row(`extension script before load, ${label} (ms)`, median(ms).toFixed(2), 'median of 9 traces');
});

it('cost of one po() call', async () => {
  const url = `${server.origin}/bench-page.html`;
  const [a, b] = [await prepared(plain), await prepared(withExt.browser)];
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

it('3-page demo journey, default --wait', async () => {
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
    clickTest: true,
    timeoutMs: 30_000,
    allowHttpErrors: false,
  };
  const { server: shop, options } = await demoJourney(ROOT, base);
  let timing: ReportTiming | undefined;
  try {
    timing = (await runCheck(options, ROOT, 'bench')).timing;
  } finally {
    await shop.close();
  }
  const s = (ms = Number.NaN) => (ms / 1000).toFixed(2);
  row('3-page journey (s): 3 × (load + 3 s watch + click test)', s(timing?.journeyMs), 'under 10 s');
  row('  browser start with the extension (s)', s(timing?.browserStartMs), '');
  row('  whole run incl. demo server, start and close (s)', s(performance.now() - t0), '');
});
