// @vitest-environment node
/**
 * Main-thread freezes on pages with many Payment Links: the worst gap between two ticks of a
 * 5 ms timer in the page while it adds 2,000 / 10,000 / 50,000 links to one container, and
 * while it re-renders a list of links every animation frame (16 ms), with and without the
 * extension, in each browser found. Prints a table; asserts nothing about time.
 *
 * BENCH_COMPARE_ROOT=/path/to/another/checkout (e.g. a worktree of the previous commit, built
 * there) adds a column measured with its build in the same run; BENCH_LINK_ROUNDS sets the rounds
 * (median shown, worst in brackets).
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type BrowserKind,
  CHROME_ARGS,
  extensionDir,
  findBrowser,
  type Launched,
  launchWithExtension,
} from '../../src/cli/browsers';
import { type StaticServer, serveStatic } from '../../src/cli/static-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_LINK_ROUNDS ?? 3);
const COMPARE = process.env.BENCH_COMPARE_ROOT;

interface Scenario {
  name: string;
  links: number;
  mode: 'add' | 'rerender';
}

const SCENARIOS: Scenario[] = [
  { name: '2,000 links added to one container', links: 2000, mode: 'add' },
  { name: '10,000 links added to one container', links: 10_000, mode: 'add' },
  { name: '50,000 links added to one container', links: 50_000, mode: 'add' },
  { name: '500-link list re-rendered every frame', links: 500, mode: 'rerender' },
];

/** What one round measured in the page. */
interface Gap {
  /** Longest time between two ticks of the page's 5 ms timer (ms). */
  worst: number;
  /** The same, leaving out the gap of the page's own insertion (with its layout and paint). */
  after: number;
  /** Animation frames the page got, per 60 Hz frame that passed (re-render only). */
  frames: number;
}

/**
 * The page: an empty container, and `measure(n, mode)` which starts the probe, then adds `n`
 * links (every other one with an id, as page builders make them) in one go, or re-renders
 * them every frame, and resolves once the probe saw no gap over 50 ms for 2 s (or after 5 s
 * of re-rendering). Gaps that begin after the page's own insertion task (which lays the links
 * out, and is painted before the next tick) are also kept apart: they are the extension's.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Many Payment Links</title>
<style>#list a{display:inline-block;margin:2px;padding:2px 6px;border:1px solid #ccc}</style></head>
<body><main><h1>Plans</h1><div id="list"></div></main>
<script>
function linksHtml(n) {
  var html = '';
  for (var i = 0; i < n; i++)
    html += '<a' + (i % 2 ? '' : ' id="buy-' + i + '"') + ' href="https://buy.stripe.com/test_' + i + '">Buy plan ' + i + '</a>';
  return html;
}
window.measure = function (n, mode) {
  var list = document.getElementById('list');
  var html = linksHtml(n);
  var t0 = performance.now(), last = t0, lastLong = t0, worst = 0, after = 0, inserted = Infinity, frames = 0;
  var rendering = mode === 'rerender';
  function render() {
    if (!rendering) return;
    frames++;
    list.innerHTML = html;
    requestAnimationFrame(render);
  }
  return new Promise(function (done) {
    function tick() {
      var now = performance.now();
      worst = Math.max(worst, now - last);
      if (last >= inserted) after = Math.max(after, now - last);
      if (now - last > 50) lastLong = now;
      last = now;
      var over = rendering ? now - t0 > 5000 : (now - t0 > 3000 && now - lastLong > 2000) || now - t0 > 60000;
      if (!over) return void setTimeout(tick, 5);
      rendering = false;
      done({ worst: worst, after: after, frames: frames / ((now - t0) / (1000 / 60)) });
    }
    setTimeout(tick, 5);
    if (mode === 'rerender') requestAnimationFrame(render);
    else setTimeout(function () {
      list.innerHTML = html;
      void list.offsetHeight;
      inserted = performance.now();
    }, 50);
  });
};
</script></body></html>`;

let server: StaticServer;
const rows: [string, string, string, string][] = [];

beforeAll(async () => {
  server = await serveStatic(resolve(ROOT, 'test', 'fixtures'), 0, (path) =>
    path === '/many-links.html' ? { status: 200, contentType: 'text/html; charset=utf-8', body: PAGE } : null,
  );
});

afterAll(async () => {
  await server?.close();
  const head: [string, string, string, string] = [
    'worst main-thread gap, ms (median [worst])',
    'without',
    'with',
    COMPARE ? `with ${COMPARE}` : '',
  ];
  const all = [head, ...rows];
  const width = Math.max(...all.map((r) => r[0].length));
  process.stdout.write(
    `\nPartnero Inspector — many Payment Links, ${ROUNDS} rounds (${new Date().toISOString()})\n${all
      .map(([w, ...v]) => `  ${w.padEnd(width)}  ${v.map((x) => x.padStart(22)).join('')}`)
      .join('\n')}\n\n`,
  );
});

/** One round: a fresh load of the page, a second for the bridge's load scan, then the probe. */
async function round(page: Page, s: Scenario): Promise<Gap> {
  await page.goto(`${server.origin}/many-links.html`, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 1000));
  return page.evaluate(
    (n, mode) => (window as unknown as { measure: (n: number, m: string) => Promise<Gap> }).measure(n, mode),
    s.links,
    s.mode,
  );
}

/** `median [worst]` of one measure over the rounds; for re-rendering, with the frames the page got. */
function summary(gaps: Gap[], measure: 'worst' | 'after', s: Scenario): string {
  const sorted = [...gaps].sort((a, b) => a[measure] - b[measure]);
  const mid = sorted[Math.floor(sorted.length / 2)] as Gap;
  const last = sorted[sorted.length - 1] as Gap;
  const frames = s.mode === 'rerender' ? ` ${Math.round(mid.frames * 100)}% fr` : '';
  return `${mid[measure].toFixed(0)} [${last[measure].toFixed(0)}]${frames}`;
}

/** The same browser, flags and all, without the extension. */
function launchPlain(kind: BrowserKind, executablePath: string): Promise<Browser> {
  return kind === 'chrome'
    ? puppeteer.launch({
        executablePath,
        pipe: true,
        headless: true,
        enableExtensions: true,
        args: CHROME_ARGS,
      })
    : puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
}

describe.each(['chrome', 'firefox'] as const)('%s', (kind) => {
  const executable = findBrowser(kind);
  const browsers: { plain?: Browser; ext?: Launched; compare?: Launched } = {};
  const pages: Page[] = [];

  beforeAll(async () => {
    if (!executable) return;
    browsers.plain = await launchPlain(kind, executable);
    browsers.ext = await launchWithExtension(kind, executable, extensionDir(kind, ROOT));
    if (COMPARE) browsers.compare = await launchWithExtension(kind, executable, extensionDir(kind, COMPARE));
    const all = [browsers.plain, browsers.ext.browser, browsers.compare?.browser];
    for (const b of all) if (b) pages.push(await b.newPage());
  });

  afterAll(async () => {
    await browsers.plain?.close();
    await browsers.ext?.close();
    await browsers.compare?.close();
  });

  it.each(SCENARIOS)('$name', async (s) => {
    if (!executable) {
      rows.push([`${kind}: ${s.name}`, 'no browser found', '', '']);
      return;
    }
    const gaps: Gap[][] = pages.map(() => []);
    // Alternate, so machine noise hits every side alike.
    for (let i = 0; i < ROUNDS; i++)
      for (const [p, page] of pages.entries()) gaps[p]?.push(await round(page, s));
    for (const measure of s.mode === 'add' ? (['worst', 'after'] as const) : (['worst'] as const)) {
      const [without, withIt, compare] = gaps.map((g) => summary(g, measure, s));
      const what = measure === 'after' ? "  … leaving out the page's own insertion" : `${kind}: ${s.name}`;
      rows.push([what, without ?? '', withIt ?? '', compare ?? '']);
    }
  });
});
