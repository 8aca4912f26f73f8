/**
 * Folds what one frame's bridge reported into the tab's page state. Pure (no browser API)
 * so the whole background logic runs in unit tests.
 */
import { decodeCookieValue } from '../detect/cookie';
import type { CookieInfo, HeldScript, PageState, TabState } from '../model/types';
import type { BridgeEvent } from '../protocol/messages';
import { addAddressChange } from './address';
import { PAGE_BYTES, PAGE_CAPS } from './page';

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

/**
 * Appends `item` unless its list is full or the page's data budget (PAGE_BYTES, counted in
 * characters of JSON as `size`) would be exceeded: what does not fit is counted as dropped.
 */
function push<T>(page: PageState, list: T[], item: T, cap: number, size = 0): boolean {
  if (list.length >= cap || (page.bytes ?? 0) + size > PAGE_BYTES) {
    page.dropped++;
    return false;
  }
  list.push(item);
  if (size > 0) page.bytes = (page.bytes ?? 0) + size;
  return true;
}

type HeldEvent = Extract<BridgeEvent, { t: 'held-script' }>;

/** A held loader script, once per frame and kind (a page restored from the cache sends it again). */
function addHeldScript(page: PageState, frame: string, e: HeldEvent): boolean {
  const list = page.heldScripts ?? [];
  const same = (h: HeldScript) =>
    h.frame === frame && h.mechanism === e.mechanism && h.src === e.src && h.attrs.join() === e.attrs.join();
  if (list.some(same)) return false;
  page.heldScripts = list;
  const { t: _t, ...held } = e;
  return push(page, list, { ...held, frame }, 20);
}

/** Each frame's latest queue report counts; the page is stuck if any frame's queue is. */
function applyQueue(page: PageState, frame: string, e: Extract<BridgeEvent, { t: 'queue' }>): boolean {
  const byFrame = page.queueByFrame ?? {};
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
  const link = page.links.find((l) => l.id === e.id && l.frame === frame);
  if (!link) return false;
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
  return true;
}

function apply(page: PageState, from: FrameInfo, e: BridgeEvent, rel: (at: number) => number): boolean {
  const frame = from.frame;
  switch (e.t) {
    case 'loader':
      if (frame === 'top' || page.queueName === null) page.queueName = e.name;
      return push(page, page.loaderRuns, { at: rel(e.at), frame, queueName: e.name, inHead: e.inHead }, 50);
    case 'call':
      if (page.queueName === null) page.queueName = e.name;
      return push(
        page,
        page.calls,
        { args: e.args, at: rel(e.at), frame, ...(e.queued && { queued: true }) },
        PAGE_CAPS.calls,
        JSON.stringify(e.args).length,
      );
    case 'queue':
      return applyQueue(page, frame, e);
    case 'links':
      for (const found of e.links) {
        const link = found.seenAt === undefined ? found : { ...found, seenAt: rel(found.seenAt) };
        const i = page.links.findIndex((l) => l.id === link.id && l.frame === link.frame);
        if (i >= 0) page.links[i] = link;
        else push(page, page.links, link, PAGE_CAPS.links);
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
      return push(page, page.scripts, { src: e.src, frame, inHead: e.inHead }, 50);
    case 'held-script':
      return addHeldScript(page, frame, e);
    case 'error': {
      const { t: _t, ...err } = e;
      return push(page, page.errors, { ...err, at: rel(e.at), frame }, PAGE_CAPS.errors, err.message.length);
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
  }
}
