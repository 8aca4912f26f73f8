/**
 * Folds what one frame's bridge reported into the tab's page state. Pure (no browser API)
 * so the whole background logic runs in unit tests.
 */
import { decodeCookieValue } from '../detect/cookie';
import type { CookieInfo, HeldScript, LinkRecord, NetRequest, PageState, TabState } from '../model/types';
import type { BridgeEvent } from '../protocol/messages';
import { addAddressChange } from './address';
import { itemBytes, jsonBytes, listBytes } from './budget';
import { PAGE_BYTES, PAGE_CAPS, PAGE_SHARES, type PageKind } from './page';

export interface FrameInfo {
  /** `top` or the frame URL, as the bridge labels it. */
  frame: string;
  /** performance.timeOrigin of the frame's document (epoch ms). */
  timeOrigin: number;
}

/** Applies events in order; returns true when anything changed. */
export function applyEvents(tab: TabState, from: FrameInfo, events: BridgeEvent[]): boolean {
  const page = tab.page;
  // Frame-relative times → ms since the page started.
  const rel = (at: number) => Math.round((at + from.timeOrigin - page.startedAt) * 10) / 10;
  let changed = false;
  for (const e of events) {
    if (e.t === 'error' && e.kind === 'po-undefined' && !isQueueName(tab, e.name)) continue;
    changed = apply(page, from, e, rel) || changed;
  }
  return changed;
}

/** `X is not defined` matters only for the Partnero queue: `po` or a name this tab's loader used. */
function isQueueName(tab: TabState, name: string | undefined): boolean {
  return name === 'po' || name === tab.page.queueName || (!!name && !!tab.history.queueNames?.includes(name));
}

/** Bytes each list of page data holds, measured once per list (a list replaced is measured anew). */
const used = new WeakMap<readonly unknown[], number>();

function usedBy(list: readonly unknown[]): number {
  const known = used.get(list);
  if (known !== undefined) return known;
  const measured = listBytes(list);
  used.set(list, measured);
  return measured;
}

/**
 * Counts `bytes` more page data of `kind`, in `list`, when its share (PAGE_SHARES) and the
 * page's budget (PAGE_BYTES) have room for them; else counts a drop and returns false.
 */
export function grow(page: PageState, kind: PageKind, list: readonly unknown[], bytes: number): boolean {
  const inList = usedBy(list);
  if (bytes > 0 && (inList + bytes > PAGE_SHARES[kind] || (page.bytes ?? 0) + bytes > PAGE_BYTES)) {
    page.dropped++;
    return false;
  }
  used.set(list, inList + bytes);
  page.bytes = (page.bytes ?? 0) + bytes;
  return true;
}

/**
 * Appends `item` to the page's `list` of `kind` when its caps have room; else counts a drop.
 * `later`: bytes the item may still gain that are not the page's to choose (a request's outcome).
 */
export function admit<T>(page: PageState, kind: PageKind, list: T[], item: T, later = 0): boolean {
  if (list.length >= PAGE_CAPS[kind]) {
    page.dropped++;
    return false;
  }
  if (!grow(page, kind, list, itemBytes(item) + later)) return false;
  list.push(item);
  return true;
}

/** Puts `item` in place of `list[i]` when the caps of `kind` hold the difference; else counts a drop. */
export function replaceAt<T>(page: PageState, kind: PageKind, list: T[], i: number, item: T): boolean {
  if (!grow(page, kind, list, jsonBytes(item) - jsonBytes(list[i]))) return false;
  list[i] = item;
  return true;
}

/** Frames whose queue reports are kept: a page cannot grow the state with thousands of frames. */
const QUEUE_FRAMES = 50;

type HeldEvent = Extract<BridgeEvent, { t: 'held-script' }>;

/** A held loader script, once per frame and kind (a page restored from the cache sends it again). */
function addHeldScript(page: PageState, frame: string, e: HeldEvent): boolean {
  const list = page.heldScripts ?? [];
  const same = (h: HeldScript) =>
    h.frame === frame && h.mechanism === e.mechanism && h.src === e.src && h.attrs.join() === e.attrs.join();
  if (list.some(same)) return false;
  page.heldScripts = list;
  const { t: _t, ...held } = e;
  return admit(page, 'heldScripts', list, { ...held, frame });
}

/** Each frame's latest queue report counts; the page is stuck if any frame's queue is. */
function applyQueue(page: PageState, frame: string, e: Extract<BridgeEvent, { t: 'queue' }>): boolean {
  const byFrame = page.queueByFrame ?? {};
  if (!(frame in byFrame) && Object.keys(byFrame).length >= QUEUE_FRAMES) {
    page.dropped++;
    return false;
  }
  byFrame[frame] = { pending: e.pending, processed: e.processed };
  page.queueByFrame = byFrame;
  const reports = Object.values(byFrame);
  page.queue = reports.find((q) => q.pending > 0 && !q.processed) ?? byFrame.top ?? reports[0] ?? null;
  return true;
}

/**
 * The cookie the bridge read: a new value starts its own record (first seen `at`); the same
 * value keeps what the cookie store told of it, and the earliest sighting.
 */
function cookieSeen(prev: CookieInfo | null, raw: string, at: number | undefined): CookieInfo {
  const base = prev?.raw === raw ? prev : null;
  const seen = [base?.seenAt, at].filter((t): t is number => t !== undefined);
  const cookie: CookieInfo = { ...base, raw, value: decodeCookieValue(raw) };
  if (seen.length > 0) cookie.seenAt = Math.min(...seen);
  return cookie;
}

/** What a click (the click test's or the visitor's) left on a known link. */
function applyClick(
  page: PageState,
  frame: string,
  e: Extract<BridgeEvent, { t: 'link-click' }>,
  rel: (at: number) => number,
): boolean {
  const i = page.links.findIndex((l) => l.id === e.id && l.frame === frame);
  const found = page.links[i];
  if (!found) return false;
  const link: LinkRecord = { ...found };
  if (e.at !== undefined) link.clickedAt = rel(e.at);
  link.afterClick = e.afterClick;
  link.hrefAfterClick = e.hrefAfterClick;
  link.clickedBy = e.by;
  if (e.probe) link.probe = e.probe;
  else delete link.probe;
  // What a click without any cookie showed stays true of the page's helper.
  if (e.afterClickNoCookie !== undefined) {
    link.afterClickNoCookie = e.afterClickNoCookie;
    link.hrefAfterClickNoCookie = e.hrefAfterClickNoCookie;
  }
  return replaceAt(page, 'links', page.links, i, link);
}

/**
 * A link not seen before. Once the list is full it takes the place of one removed from the
 * page: the cap keeps the links a visitor can click, not those a re-render left behind.
 */
function addLink(page: PageState, link: LinkRecord): boolean {
  const full = page.links.length >= PAGE_CAPS.links && !link.removed;
  const stale = full ? page.links.findIndex((l) => l.removed) : -1;
  return stale >= 0
    ? replaceAt(page, 'links', page.links, stale, link)
    : admit(page, 'links', page.links, link);
}

function apply(page: PageState, from: FrameInfo, e: BridgeEvent, rel: (at: number) => number): boolean {
  const frame = from.frame;
  switch (e.t) {
    case 'loader':
      if (frame === 'top' || page.queueName === null) page.queueName = e.name;
      return admit(page, 'loaderRuns', page.loaderRuns, {
        at: rel(e.at),
        frame,
        queueName: e.name,
        inHead: e.inHead,
      });
    case 'call':
      if (page.queueName === null) page.queueName = e.name;
      return admit(page, 'calls', page.calls, {
        args: e.args,
        at: rel(e.at),
        frame,
        ...(e.queued && { queued: true }),
      });
    case 'queue':
      return applyQueue(page, frame, e);
    case 'links':
      for (const found of e.links) {
        const link = found.seenAt === undefined ? found : { ...found, seenAt: rel(found.seenAt) };
        const i = page.links.findIndex((l) => l.id === link.id && l.frame === link.frame);
        if (i >= 0) replaceAt(page, 'links', page.links, i, link);
        else addLink(page, link);
      }
      return true;
    case 'link-click':
      return applyClick(page, frame, e, rel);
    case 'cookie':
      if (frame !== 'top') return false;
      page.cookie =
        e.raw === null ? null : cookieSeen(page.cookie, e.raw, e.at === undefined ? undefined : rel(e.at));
      return true;
    case 'script':
      if (page.scripts.some((s) => s.src === e.src && s.frame === frame)) return false;
      return admit(page, 'scripts', page.scripts, { src: e.src, frame, inHead: e.inHead });
    case 'held-script':
      return addHeldScript(page, frame, e);
    case 'error': {
      const { t: _t, ...err } = e;
      return admit(page, 'errors', page.errors, { ...err, at: rel(e.at), frame });
    }
    case 'dropped':
      page.dropped += e.count;
      return true;
    case 'loaded':
      if (frame !== 'top') return false;
      page.loadedAt = rel(e.at);
      return true;
    case 'history':
      return frame === 'top' && addAddressChange(page, e, rel(e.at));
    case 'request':
      return addPageRequest(page, e, rel(e.at));
  }
}

/**
 * The method a resource entry's initiator implies: elements load with GET, a beacon posts;
 * `fetch` and XHR may use any, which Resource Timing does not say ('').
 */
function methodOf(initiator: string): string {
  if (initiator === 'beacon') return 'POST';
  return initiator === 'fetch' || initiator === 'xmlhttprequest' ? '' : 'GET';
}

/** A Partnero request the page's Resource Timing showed (once: a replayed report repeats it). */
function addPageRequest(page: PageState, e: Extract<BridgeEvent, { t: 'request' }>, at: number): boolean {
  if (page.requests.some((r) => r.url === e.url && r.at === at)) return false;
  const req: NetRequest = { url: e.url, method: methodOf(e.type), type: e.type, at, duration: e.duration };
  if (e.status !== undefined) req.status = e.status;
  return addBrowserRequest(page, req) !== null;
}

/**
 * Adds a request the browser itself reported (webRequest, Resource Timing) to the page. When
 * the driver's or DevTools' sight of its response came first (see mergeObservedResponses),
 * that entry is filled in instead, keeping its status and body: one request, one entry.
 * `later`: bytes its outcome may still add. Returns the entry that holds it, or null when the
 * page's caps had no room (counted as dropped).
 */
export function addBrowserRequest(page: PageState, req: NetRequest, later = 0): NetRequest | null {
  const early = page.requests.find((r) => r.observedOnly && r.url === req.url);
  if (!early) return admit(page, 'requests', page.requests, req, later) ? req : null;
  const { status, responseBody } = early;
  const merged: NetRequest = {
    ...req,
    ...(status !== undefined && { status }),
    ...(responseBody !== undefined && { responseBody }),
  };
  if (!grow(page, 'requests', page.requests, jsonBytes(merged) - jsonBytes(early) + later)) return null;
  // In place: whoever holds the entry (the network watcher) keeps completing the same object.
  for (const key of Object.keys(early) as (keyof NetRequest)[]) delete early[key];
  return Object.assign(early, merged);
}
