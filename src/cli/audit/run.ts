/**
 * `partnero-inspector audit`: finds a site's pages (src/cli/audit/discover.ts), takes this
 * run's shard of them, and checks each as a fresh visit with `concurrency` browsers at once.
 * One browser per slot, not one browser with several contexts: pages sharing one context would
 * share the referral cookie, and a context per page (the extension allowed in incognito)
 * measured no faster on 2 cores (54 s against 52 s for 100 pages: each page then starts
 * renderers of its own, ~2.4 a page against ~0.75), and in the contexts DevTools creates
 * Chromium does not let the extension's worker reach the tab (`tabs.sendMessage`: no receiving
 * end; `webNavigation.getAllFrames`: null), so the click test never ran there (an incognito
 * window a user opens is fine: test/e2e/incognito.e2e.ts). Each slot's pages run one after
 * another, each in a new tab with the cookies cleared (src/cli/check.ts), from the moment its
 * own browser is up: four browsers starting together on 2 cores take ~5.6 s before the last is
 * ready, the first ~1.5 s.
 */

import { buildReport } from '../../report/build';
import { withDocs } from '../../report/docs';
import type { PageReport, Report } from '../../report/schema';
import { CheckError, type Checker, openChecker } from '../check';
import type { AuditOptions } from './args';
import { type Discovered, discoverPages } from './discover';
import { shardOf, sortPages } from './shard';

/** A page the audit could not check, and why (one line). */
export interface FailedPage {
  url: string;
  reason: string;
}

/** The audit's own facts, added to the report as `audit` (an added key). */
export interface AuditFacts {
  start: string;
  /** The referral parameter each visit carried (`--aff`), left out of the paths shown. */
  referral?: { param: string; key: string };
  /** Pages found (before the shard was taken), skipped ones, and those the page cap left out. */
  found: number;
  skipped: Discovered['skipped'];
  dropped: number;
  shard?: { index: number; count: number };
  failed: FailedPage[];
}

/** An audit's report: the check's, every page checked, and the audit's facts. */
export type AuditReport = Report & { audit: AuditFacts };

/** Called as pages finish: how many are done of how many. */
export type AuditProgress = (done: number, total: number, url: string) => void;

/** Runs the audit; the report's pages are sorted by URL (as `merge` sorts them). */
export async function runAudit(
  opts: AuditOptions,
  root: string,
  version: string,
  progress: AuditProgress = () => undefined,
): Promise<AuditReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const found = await discoverPages(opts.start, {
    maxPages: opts.maxPages,
    obeyRobots: opts.obeyRobots,
    ...(opts.sitemap && { sitemap: opts.sitemap }),
  });
  const urls = opts.shard ? shardOf(found.urls, opts.shard) : found.urls;
  const slots = Math.max(1, Math.min(opts.concurrency, urls.length));
  const starting = Array.from({ length: slots }, () =>
    openChecker(opts.browser, root, { stubPartnero: opts.stubPartnero }),
  );
  try {
    // Until the first browser is up: the others start while it checks pages.
    const first = await Promise.any(starting).catch(() => starting[0]);
    const t1 = performance.now();
    const { pages, failed } = await checkAll(starting, urls, opts, progress);
    const timing = { browserStartMs: Math.round(t1 - t0), journeyMs: Math.round(performance.now() - t1) };
    const report = buildReport({
      version,
      browser: first?.browserLabel ?? opts.browser,
      startedAt,
      pages,
      timing,
    });
    const facts: AuditFacts = {
      start: opts.start,
      ...(opts.aff !== undefined && { referral: { param: opts.param, key: opts.aff } }),
      found: found.urls.length,
      skipped: found.skipped,
      dropped: found.dropped,
      ...(opts.shard && { shard: opts.shard }),
      failed,
    };
    return { ...sortPages(report), audit: facts };
  } finally {
    // A browser still starting is closed once up; one that could not start has nothing to close.
    await Promise.allSettled(starting.map(async (c) => (await c).close()));
  }
}

/**
 * Checks every URL, each slot taking the next one left once its browser is up; a page that
 * cannot be checked is listed, not fatal. A browser that cannot start, or an error that is not
 * about one page, ends the audit: the other slots finish the page in hand and take no more.
 */
async function checkAll(
  checkers: Promise<Checker>[],
  urls: string[],
  opts: AuditOptions,
  progress: AuditProgress,
): Promise<{ pages: PageReport[]; failed: FailedPage[] }> {
  const pages: PageReport[] = [];
  const failed: FailedPage[] = [];
  let next = 0;
  let done = 0;
  let stopped = false;
  const slot = async (starting: Promise<Checker>) => {
    const checker = await starting;
    for (let i = next++; i < urls.length && !stopped; i = next++) {
      const url = urls[i] as string;
      // The next page's tab opens while this one is watched (another slot may take that page).
      if (next < urls.length) checker.prepare();
      try {
        const results = await checker.checkJourney({
          urls: [url],
          aff: opts.aff,
          param: opts.param,
          waitMs: opts.waitMs,
          fullWait: opts.fullWait,
          clickTest: opts.clickTest,
          timeoutMs: opts.timeoutMs,
        });
        pages.push(...results.map((r) => withDocs(r.report)));
      } catch (err) {
        if (!(err instanceof CheckError)) throw err;
        failed.push({ url, reason: err.message });
      }
      progress(++done, urls.length, url);
    }
  };
  const ended = await Promise.allSettled(
    checkers.map((c) =>
      slot(c).catch((err: unknown) => {
        stopped = true;
        throw err;
      }),
    ),
  );
  const broken = ended.find((e) => e.status === 'rejected');
  if (broken) throw broken.reason;
  return { pages, failed: failed.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) };
}
