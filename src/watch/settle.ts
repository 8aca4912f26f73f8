/**
 * When a page's watch may end: the page has gone quiet. One notion for the command-line
 * check (src/cli/settle.ts) and the extension's own end of watch (the bridge asks the
 * background), so both end a page's watch on the same evidence:
 *
 * - at least `minMs` after `load`; `unknownWorkMinMs` when nobody can tell whether the page
 *   still has short timers or requests of its own pending (the extension cannot: it does not
 *   touch the page's timers or `fetch`; the check's driver counts them, src/cli/page-work.ts);
 * - the loader settled: every Partnero script the page inserted has loaded or failed;
 * - no Partnero request under way, and none of the page's own short timers or requests (nor,
 *   as the extension counts them, scripts the page inserted after `load` still loading);
 * - no `po` call, link, embed, cookie, request, script, error, navigation or address change
 *   for `quietMs`, by the times the page's record carries;
 * - nothing waiting to be told: the document unchanged for LAG_MS (a scan of a change runs
 *   150 ms after it) and the extension's record unchanged for HEARD_MS (the bridge reports
 *   within 50 ms).
 *
 * The longest watch (`--wait`, the settings' grace period) bounds it all: a page that never
 * goes quiet (a ticker, a polling loop, a request that hangs) gets the full watch.
 */
import type { NetRequest, PageState } from '../model/types';
import { scriptKind } from '../rules/urls';

/** The watch's shape (milliseconds). */
export interface SettleTiming {
  minMs: number;
  unknownWorkMinMs: number;
  quietMs: number;
}

/** Defaults: see the module's comment. */
export const SETTLE: SettleTiming = { minMs: 300, unknownWorkMinMs: 1000, quietMs: 500 };
/** The document must be unchanged this long: a change reaches the record within it. */
const LAG_MS = 250;
/** The record must be unchanged this long: what the page did has been told. */
const HEARD_MS = 100;

/** The page's own pending work, as the check's driver counts it. */
export interface PageWork {
  /**
   * Short timers (`setTimeout` up to the watch's length) not yet run, short intervals not
   * cleared, and work deferred without a timer: frame and idle callbacks, delayed
   * `scheduler.postTask` tasks, finite animations still running.
   */
  timers: number;
  /** `fetch` / XHR requests not yet ended, and inserted scripts and frames not yet loaded. */
  requests: number;
}

/** What is known of the page at one moment. */
export interface PageActivity {
  /** ms since the page's `load` event (NaN: not loaded yet). */
  sinceLoad: number;
  /** ms since the last activity the record carries (by the page's own times). */
  pageQuiet: number;
  /** ms since the extension's record last changed, as heard. */
  heardQuiet: number;
  /** ms since the document last changed (a node added, a watched attribute set). */
  domQuiet: number;
  /** Partnero requests started and not ended. */
  pending: number;
  /** Every Partnero script inserted has loaded or failed (or is held back: it loads nothing). */
  loaderSettled: boolean;
  /** The page's own timers and requests; absent when unknown. */
  work?: PageWork;
  /** Scripts the page inserted after `load` that have not loaded or failed (the extension's count). */
  loading?: number;
}

/** What the asker measured of the page: the document's quiet, and what it knows of its work. */
export interface Asked {
  domQuiet: number;
  work?: PageWork;
  loading?: number;
}

/**
 * How long until the page settles if nothing changes meanwhile (0: it has settled, and its
 * watch may end now), or null while something with no known end holds it (not loaded, a
 * request, a timer, the loader).
 */
export function settlesIn(a: PageActivity, timing: SettleTiming = SETTLE): number | null {
  const blocked =
    !(a.sinceLoad >= 0) ||
    !a.loaderSettled ||
    a.pending > 0 ||
    (a.loading ?? 0) > 0 ||
    (a.work !== undefined && (a.work.timers > 0 || a.work.requests > 0));
  if (blocked) return null;
  const minMs = a.work ? timing.minMs : Math.max(timing.minMs, timing.unknownWorkMinMs);
  return Math.max(
    0,
    minMs - a.sinceLoad,
    timing.quietMs - a.pageQuiet,
    LAG_MS - a.domQuiet,
    HEARD_MS - a.heardQuiet,
  );
}

/** A request's end is known: a status, an error, or (Resource Timing) a duration. */
const requestEnded = (r: NetRequest) =>
  r.status !== undefined || r.error !== undefined || r.duration !== undefined;

/** Partnero requests of the page started and not ended (no status, error or duration yet). */
export function pendingRequests(page: PageState): number {
  return page.requests.filter((r) => !requestEnded(r)).length;
}

/**
 * Every loader script (universal.js, the program's settings.js) the page inserted has an
 * outcome: its request ended, or the page reported it failed (load error, CSP).
 */
export function loaderSettled(page: PageState): boolean {
  const ended = (src: string) =>
    page.requests.some((r) => r.url === src && requestEnded(r)) || page.errors.some((e) => e.url === src);
  return page.scripts.every((s) => scriptKind(s.src) === null || ended(s.src));
}

/** The page's latest activity in its record (ms after the page started). */
export function lastActivityAt(page: PageState): number {
  // Not `load` itself: what a page does after it shows as timers, requests or the document.
  const times = [
    page.cookie?.seenAt ?? 0,
    ...page.loaderRuns.map((r) => r.at),
    ...page.calls.map((c) => c.at),
    ...page.errors.map((e) => e.at),
    ...page.navigations.map((n) => n.at),
    ...(page.addressChanges ?? []).map((c) => c.at),
    ...page.requests.map((r) => r.at + (r.duration ?? 0)),
    ...page.links.map((l) => l.seenAt ?? 0),
  ];
  return times.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * What of the extension's record of a page the rules look at, as one string: it differs
 * whenever a call, link, cookie, request, script, error, navigation or address change came
 * in. The end-of-watch bookkeeping (the watch's end, the click test) is left out.
 */
export function activityFingerprint(page: PageState): string {
  return JSON.stringify([
    page.url,
    page.loaderRuns.length,
    page.calls.length,
    page.queue,
    page.scripts.length,
    page.heldScripts?.length ?? 0,
    page.errors.length,
    page.cookie?.raw ?? null,
    page.navigations.length,
    page.addressChanges?.length ?? 0,
    page.entry?.redirects.length ?? 0,
    page.dropped,
    page.requests.map((r) => [r.url, r.status, r.error, r.duration !== undefined]),
    page.links.map((l) => [l.id, l.href, l.clientReferenceId, l.removed === true]),
  ]);
}

/** Per tab: the record's fingerprint when last asked, and since when it has been that (epoch ms). */
export class QuietClock {
  private readonly seen = new Map<number, { fingerprint: string; since: number }>();

  /** ms the tab's record has looked like `page` now (0 when it just changed, or is new here). */
  quietFor(tabId: number, page: PageState, now: number): number {
    const fingerprint = activityFingerprint(page);
    const last = this.seen.get(tabId);
    if (last?.fingerprint === fingerprint) return now - last.since;
    this.seen.set(tabId, { fingerprint, since: now });
    return 0;
  }

  /** The tab closed. */
  forget(tabId: number): void {
    this.seen.delete(tabId);
  }
}

/**
 * The page's activity as the extension knows it, with the document's quiet time and the
 * page's own pending work as the asker measured them. `now`: epoch ms.
 */
export function activityOf(page: PageState, heardQuiet: number, asked: Asked, now: number): PageActivity {
  const pageNow = now - page.startedAt;
  return {
    sinceLoad: page.loadedAt === undefined ? Number.NaN : pageNow - page.loadedAt,
    pageQuiet: pageNow - lastActivityAt(page),
    heardQuiet,
    domQuiet: asked.domQuiet,
    pending: pendingRequests(page),
    loaderSettled: loaderSettled(page),
    ...(asked.work && { work: asked.work }),
    ...(Number.isInteger(asked.loading) && (asked.loading as number) > 0 && { loading: asked.loading }),
  };
}
