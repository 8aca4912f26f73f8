/**
 * Runs checks: one browser with the built extension, each journey's URLs visited in order
 * as one visitor, and for each page the extension's own findings (one engine for popup,
 * panel and CLI).
 */
import { existsSync } from 'node:fs';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { withParam } from '../detect/referral';
import type { PageEntry } from '../model/types';
import type { AutomationRequest, TabSnapshot } from '../protocol/messages';
import { buildPageReport, buildReport } from '../report/build';
import { withDocs } from '../report/docs';
import type { PageReport, Report } from '../report/schema';
import type { CheckOptions } from './args';
import { AutomationError, askExtension, realmOf } from './automation';
import { type BrowserKind, extensionDir, type Launched, launchWithExtension } from './browsers';
import { withDeadline, within } from './deadline';
import { installHint, locateBrowser } from './find-browser';
import { type Interception, interceptTraffic } from './intercept';
import { type PageWatchReading, trackPageWork } from './page-work';
import { settleWatch } from './settle';

/** A reason the check could not run (exit 2): one line, no stack. */
export class CheckError extends Error {}

export interface CheckHooks {
  /** Called before each page is opened (for a progress line). */
  onPage?(index: number, total: number, url: string): void;
  /**
   * Called with the finished report while the browser is still open, so the CLI prints it
   * before the teardown instead of after; a throw here fails the check like any other.
   */
  onReport?(report: Report): void | Promise<void>;
}

export type JourneyOptions = Pick<
  CheckOptions,
  'urls' | 'aff' | 'param' | 'waitMs' | 'clickTest' | 'timeoutMs'
> &
  Partial<Pick<CheckOptions, 'allowHttpErrors' | 'fullWait' | 'stubPartnero'>>;

export interface PageResult {
  report: PageReport;
  snapshot: TabSnapshot;
}

/** A started browser that can check several journeys, each as a fresh visitor in a new tab. */
export interface Checker {
  /** e.g. `chrome 156.0.8078.108` */
  browserLabel: string;
  launched: Launched;
  checkJourney(opts: JourneyOptions, hooks?: CheckHooks): Promise<PageResult[]>;
  /**
   * Says another journey follows the one about to start: the tab it will take is opened in the
   * background while that one runs (a tab's start is ~0.25–0.5 s of a page's ~1.7 s in an
   * audit). The page being checked stays the visible, focused one: a tab opened in front would
   * hide it and stop its frames.
   */
  prepare(): void;
  close(): Promise<void>;
}

export async function openChecker(
  kind: BrowserKind,
  root: string,
  opts: { stubPartnero: boolean },
): Promise<Checker> {
  const found = await locateBrowser(kind);
  if (!found) throw new CheckError(`no ${kind} browser found: ${installHint(kind)}`);
  const executable = found.path;
  const ext = extensionDir(kind, root);
  if (!existsSync(ext)) throw new CheckError(`the extension is not built (${ext}): run npm run build`);
  const launched = await launchWithExtension(kind, executable, ext, { openPage: true }).catch(
    (err: Error) => {
      throw new CheckError(`could not start ${kind}: ${firstLine(err.message)}`);
    },
  );
  const version = await launched.browser.version();
  const browserLabel = `${kind} ${version.replace(/^[^/]*\//, '')}`;
  // Every journey gets a tab of its own (no sessionStorage or history carries over from one
  // visitor to the next), never the tab the browser opened with: that tab existed before the
  // extension was installed, and Chromium then hears of its navigations late or not at all
  // (no webRequest redirect chain, a late about:blank commit) — it saved ~80 ms.
  const tabs = journeyTabs(launched);
  const checkJourney = async (j: JourneyOptions, hooks: CheckHooks = {}): Promise<PageResult[]> => {
    const { page, fresh } = await tabs.take();
    let finished = false;
    try {
      // A fresh visitor: no cookie left by an earlier journey in this profile.
      const cookies = fresh ? [] : await launched.browser.cookies();
      if (cookies.length) await launched.browser.deleteCookie(...cookies);
      const traffic = await interceptTraffic(page, { stub: j.stubPartnero ?? opts.stubPartnero });
      const work = j.fullWait ? async () => undefined : await trackPageWork(page, j.waitMs);
      const results: PageResult[] = [];
      for (const [i, url] of j.urls.entries()) {
        const target = i === 0 && j.aff !== undefined ? withParam(url, j.param, j.aff) : url;
        hooks.onPage?.(i, j.urls.length, target);
        results.push(...(await checkPage(page, { traffic, work }, target, j)));
      }
      finished = true;
      return results;
    } finally {
      // A page hung in a loop may never let its tab close: the browser is ended after anyway,
      // and a journey that failed (such a page ends it) does not wait for it.
      const closed = within(page.close(), 2_000);
      if (finished) await closed;
    }
  };
  return { browserLabel, launched, checkJourney, prepare: tabs.prepare, close: launched.close };
}

/**
 * The tabs journeys take: the first journey the one opened while the extension's worker started
 * (`fresh`: no journey has left cookies yet), the next ones the tab opened in the background
 * while the journey before ran (when `prepare` said one would follow), brought to the front,
 * or a new one.
 */
export function journeyTabs(launched: Launched): {
  take(): Promise<{ page: Page; fresh: boolean }>;
  prepare(): void;
} {
  let spare: Promise<Page | undefined> | undefined;
  let another = false;
  const open = async (): Promise<{ page: Page; fresh: boolean }> => {
    const first = launched.firstPage;
    delete launched.firstPage;
    if (first) return { page: first, fresh: true };
    const ready = await spare;
    spare = undefined;
    const usable =
      ready &&
      !ready.isClosed() &&
      (await ready.bringToFront().then(
        () => ready,
        () => null,
      ));
    if (usable) return { page: usable, fresh: false };
    return { page: await launched.browser.newPage(), fresh: false };
  };
  return {
    async take() {
      const taken = await open();
      if (another) spare = launched.browser.newPage({ background: true }).catch(() => undefined);
      another = false;
      return taken;
    },
    prepare() {
      another = true;
    },
  };
}

/**
 * One page of a journey: open it, watch it for `--wait` after its load, then end its watch. A
 * page that moves the tab itself during the watch is followed: each page it went through is
 * reported as it was when left, then the page it ended on after its own watch.
 */
async function checkPage(
  page: Page,
  watcher: Watcher,
  target: string,
  j: JourneyOptions,
): Promise<PageResult[]> {
  const since = Date.now();
  const response = await open(page, target, j.timeoutMs);
  const status = response?.status() ?? null;
  // A typo in a URL is not the merchant's page: stop rather than report on an error page.
  if (status !== null && status >= 400 && !j.allowHttpErrors)
    throw new CheckError(`${target} answered ${status} (--allow-http-errors checks it anyway)`);
  const { traffic } = watcher;
  const snapshot = await watchAndFinish(page, j, watcher, async () => ({
    op: 'finish',
    clickTest: j.clickTest,
    expectPartnero: true,
    // Taken once the watch is over: responses the driver saw during it count too.
    bodies: await traffic.takeObserved(),
    since,
    ...(response && { entry: entryOf(target, response) }),
  })).catch((err: unknown) => {
    // No genuine answer is never a report: the page may be holding the channel back.
    if (err instanceof AutomationError) throw new CheckError(`${target}: ${err.message}`);
    throw err;
  });
  const { left = [], ...current } = snapshot;
  const visited = [...left, current];
  return visited.map((v, i) => {
    const report = buildPageReport(i === 0 ? target : v.page.url, v.page, v.findings, 'cli');
    const last = i === visited.length - 1;
    const moves = {
      ...(i > 0 && { navigatedFrom: visited[i - 1]?.page.url }),
      ...(!last && { movedTo: visited[i + 1]?.page.url }),
    };
    const finalUrl = last ? page.url() : v.page.url;
    const code = i === 0 && status !== null ? { status } : {};
    return { snapshot: { ...current, ...v }, report: { ...report, finalUrl, ...code, ...moves } };
  });
}

/**
 * Watches the page, then ends its watch. A page that moved itself while the watch was being
 * ended gets its successor watched and ended too (the answer then lists every page left).
 */
async function watchAndFinish(
  page: Page,
  j: JourneyOptions,
  watcher: Watcher,
  request: () => Promise<Extract<AutomationRequest, { op: 'finish' }>>,
): Promise<TabSnapshot> {
  for (let moves = 0; ; moves++) {
    const doc = await watch(page, j, watcher);
    // Within the page's --timeout: a page that holds the channel back costs no more than that.
    const snapshot = await askExtension(page, await request(), j.timeoutMs);
    if (moves >= MOVES_FOLLOWED || (await documentOf(page)) === doc) return snapshot;
  }
}

/** What a page's watch reads besides the extension: the driver's traffic, the page's own work. */
interface Watcher {
  traffic: Interception;
  work: () => Promise<PageWatchReading | undefined>;
}

/** Self-navigations followed per journey page (a page redirecting in a loop ends the chase). */
const MOVES_FOLLOWED = 5;

/**
 * Waits until the page has settled after its load (src/cli/settle.ts), `--wait` after it at
 * the latest; with `--full-wait`, always that long. A page that moved the tab meanwhile (a new
 * document) is followed: the new one is watched likewise, within `--timeout`. Returns the
 * document the watch ended on (documentOf).
 */
async function watch(page: Page, j: JourneyOptions, watcher: Watcher): Promise<number | null> {
  const deadline = Date.now() + j.timeoutMs;
  let after: number | null = null;
  for (let moves = 0; moves <= MOVES_FOLLOWED; moves++) {
    // Asked together: a page busy in a loop answers neither, and each ask waits 2 s for it.
    const [before, since] = await Promise.all([documentOf(page), sinceLoad(page, j.waitMs)]);
    const remaining = j.waitMs - since;
    if (j.fullWait) await sleep(remaining);
    else await settleWatch(page, watcher.traffic, watcher.work, remaining);
    after = await documentOf(page);
    if (after === before || Date.now() >= deadline) return after;
    await loaded(page, deadline);
  }
  return after;
}

/**
 * Which document the page shows: its clock's origin, read in the driver's isolated world (a
 * page cannot fake it there); null while it cannot be read (mid-navigation, a busy page).
 */
async function documentOf(page: Page): Promise<number | null> {
  const read = realmOf(page)
    .evaluate(() => performance.timeOrigin)
    .catch(() => null);
  const origin = await withDeadline(read, 2_000);
  return typeof origin === 'number' ? origin : null;
}

/** Waits (polling, bounded by `deadline`) until the page's current document has loaded. */
async function loaded(page: Page, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const state = await withDeadline(
      realmOf(page)
        .evaluate(() => document.readyState)
        .catch(() => null),
      2_000,
    );
    if (state === 'complete') return;
    await sleep(100);
  }
}

/** One journey of a run: its pages' options, its browser, its name when a config file named it. */
export type RunJourney = JourneyOptions & Pick<CheckOptions, 'browser' | 'stubPartnero'> & { name?: string };

/** One journey in its own browser: what `partnero-inspector check <url>…` does. */
export function runCheck(
  opts: RunJourney,
  root: string,
  version: string,
  hooks: CheckHooks = {},
): Promise<Report> {
  return runJourneys([opts], root, version, hooks);
}

/**
 * Journeys one after another in one browser (a new one only when a journey asks for another
 * kind), each a fresh visitor in a tab of its own; one report of all their pages, each page
 * carrying its journey's name when it has one. `timing` adds up the browsers' starts and the
 * journeys.
 */
export async function runJourneys(
  journeys: readonly RunJourney[],
  root: string,
  version: string,
  hooks: CheckHooks = {},
): Promise<Report> {
  const startedAt = new Date();
  const spent = { browserStartMs: 0, journeyMs: 0 };
  const labels = new Set<string>();
  const pages: PageReport[] = [];
  let open: { kind: BrowserKind; checker: Checker } | undefined;
  try {
    for (const [i, journey] of journeys.entries()) {
      if (open?.kind !== journey.browser) {
        await open?.checker.close();
        open = undefined;
        const t0 = performance.now();
        const checker = await openChecker(journey.browser, root, { stubPartnero: journey.stubPartnero });
        open = { kind: journey.browser, checker };
        spent.browserStartMs += performance.now() - t0;
        labels.add(checker.browserLabel);
      }
      const t1 = performance.now();
      if (journeys[i + 1]?.browser === journey.browser) open.checker.prepare();
      const results = await open.checker.checkJourney(journey, hooks);
      spent.journeyMs += performance.now() - t1;
      const name = journey.name === undefined ? {} : { journey: journey.name };
      pages.push(...results.map((r) => ({ ...withDocs(r.report), ...name })));
    }
    const timing = {
      browserStartMs: Math.round(spent.browserStartMs),
      journeyMs: Math.round(spent.journeyMs),
    };
    const report = buildReport({ version, browser: [...labels].join(', '), startedAt, pages, timing });
    await hooks.onReport?.(report);
    return report;
  } finally {
    await open?.checker.close();
  }
}

/** The way the driver saw the page reached: the URL asked for and each HTTP redirect. */
function entryOf(asked: string, response: HTTPResponse): PageEntry {
  const hops = response.request().redirectChain();
  const urls = [...hops.map((r) => r.url()), response.url()];
  return {
    asked,
    redirects: hops.map((r, i) => ({
      kind: 'server' as const,
      ...(r.response() && { status: r.response()?.status() }),
      from: r.url(),
      to: urls[i + 1] ?? response.url(),
    })),
  };
}

/** Opens `url` and waits for its load event; returns the page's response (null if none). */
async function open(page: Page, url: string, timeoutMs: number): Promise<HTTPResponse | null> {
  try {
    return await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  } catch (err) {
    const msg = firstLine((err as Error).message);
    if (/timeout/i.test(msg)) throw new CheckError(`${url} did not finish loading within ${timeoutMs} ms`);
    // Firefox wraps the network error in a protocol error and a stack frame: keep its code.
    const reason = /net::ERR_\w+|NS_ERROR_\w+/.exec(msg)?.[0] ?? msg.replace(/ at https?:\/\/\S+$/, '');
    throw new CheckError(`cannot open ${url}: ${reason}`);
  }
}

/**
 * Milliseconds since the page's `load` event, so the watch lasts `--wait` after `load` itself
 * rather than after the driver heard of it. Clamped: a page cannot shorten its own watch
 * beyond that, and a page that breaks `performance` gets the full wait.
 */
async function sinceLoad(page: Page, waitMs: number): Promise<number> {
  const asked = page
    .evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav && nav.loadEventEnd > 0 ? performance.now() - nav.loadEventEnd : 0;
    })
    .catch(() => 0);
  // A page busy in a loop never answers: it gets the full wait, not a hung check.
  const ms = await withDeadline(asked, 2_000);
  return typeof ms === 'number' && Number.isFinite(ms) ? Math.min(Math.max(ms, 0), waitMs) : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const firstLine = (s: string) => s.split('\n')[0] ?? s;
