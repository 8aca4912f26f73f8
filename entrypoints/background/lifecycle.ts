/**
 * When does a tab start a new page? Two signals race: webNavigation's commit and the first
 * message of the new document's bridge (which carries the document's timeOrigin). Whichever
 * arrives first resets the page; the other recognises the page as already reset. Messages
 * from a document older than the latest navigation (the previous page flushing late) and
 * from Stripe's checkout page are dropped.
 */
import { isStripeCheckout } from '../../src/detect/stripe';
import type { TabState } from '../../src/model/types';
import type { BridgeEvent } from '../../src/protocol/messages';
import { withoutHash } from '../../src/rules/urls';
import { listBytes } from '../../src/store/budget';
import { earlyFrames } from '../../src/store/early-frames';
import { entries } from '../../src/store/entry';
import { resetPage } from '../../src/store/page';
import type { FrameInfo } from '../../src/store/reducer';

/** What we know about the current page's identity (not persisted: conservative defaults). */
interface Identity {
  /** startedAt is the document's own timeOrigin (from its bridge). */
  fromBridge: boolean;
  /** webNavigation already reported this page's commit. */
  committed: boolean;
  /** When the top frame's latest navigation started (webNavigation), if seen. */
  navStart?: number;
}
const identities = new Map<number, Identity>();

/**
 * What only the worker saw of the pages a tab left (their Partnero requests and checkout
 * navigations), by document: a page back from the back/forward cache gets them back, since
 * its bridge can replay only what it reported itself. Not persisted; a few pages per tab.
 */
interface LeftPage {
  startedAt: number;
  requests: TabState['page']['requests'];
  navigations: TabState['page']['navigations'];
}
const leftPages = new Map<number, LeftPage[]>();
const LEFT_PAGES_KEPT = 3;

/**
 * Resets the tab's page, first keeping what the worker saw of a page known by its clock. Frames
 * whose document started at or after `startedAt - skew` reported to the new page (see
 * src/store/early-frames.ts): what they reported before the reset is applied to it again.
 */
function leave(
  tabId: number,
  id: Identity,
  tab: TabState,
  url: string,
  startedAt: number,
  skew: number,
): void {
  if (id.fromBridge) {
    // Requests that started after the new page began move to it (see resetPage).
    const shift = tab.page.startedAt - startedAt;
    const requests = tab.page.requests.filter((r) => r.at + shift < 0);
    const { navigations } = tab.page;
    const kept = (leftPages.get(tabId) ?? []).filter((p) => p.startedAt !== tab.page.startedAt);
    leftPages.set(
      tabId,
      [{ startedAt: tab.page.startedAt, requests, navigations }, ...kept].slice(0, LEFT_PAGES_KEPT),
    );
  }
  const old = tab.page;
  resetPage(tab, url, startedAt);
  entries.enter(tabId, old, tab.page);
  earlyFrames.replay(tabId, tab, startedAt - skew);
}

/**
 * How far a new document's own clock (`performance.timeOrigin`) may lie before the time
 * webNavigation gives its navigation's start. Firefox stamps navigation events in the parent
 * process after the content process started the document: measured tens to hundreds of ms,
 * more under load. A previous document is recognised by its clock (`isLeftDocument`) instead.
 */
const NAV_CLOCK_SKEW_MS = 1000;
/**
 * How far a frame's clock may lie before its top document's. A frame starts after its parent
 * parsed it (measured: 60–100 ms after, with 200 frames), but may run in another process.
 */
const FRAME_CLOCK_SKEW_MS = 50;

/** The document with this clock was a page of this tab that the tab has since left. */
function isLeftDocument(tabId: number, timeOrigin: number): boolean {
  return leftPages.get(tabId)?.some((p) => Math.abs(p.startedAt - timeOrigin) < 1) ?? false;
}

/** A restored document's page gets back what the worker had seen of it (before what came since). */
function comeBack(tabId: number, tab: TabState, timeOrigin: number): void {
  const left = leftPages.get(tabId)?.find((p) => Math.abs(p.startedAt - timeOrigin) < 1);
  if (!left) return;
  tab.page.requests = [...left.requests, ...tab.page.requests];
  tab.page.navigations = [...left.navigations, ...tab.page.navigations];
  tab.page.bytes = (tab.page.bytes ?? 0) + listBytes(left.requests) + listBytes(left.navigations);
}
/**
 * After a worker restart nothing is known: treat the page as committed but not yet matched
 * to a document, so the committed document's next message is adopted, not dropped.
 */
const identity = (tabId: number): Identity => identities.get(tabId) ?? { fromBridge: false, committed: true };

/** The top frame starts navigating: documents that started before this are on their way out. */
export function onTopBeforeNavigate(tabId: number, timeStamp: number): void {
  identities.set(tabId, { ...identity(tabId), navStart: timeStamp });
  earlyFrames.navigating(tabId);
}

/** Top-frame commit. Stripe checkout pages keep the merchant page's state (and its findings). */
export function onTopCommitted(tabId: number, tab: TabState, url: string, timeStamp: number): boolean {
  if (isStripeCheckout(url)) return false;
  const id = identity(tabId);
  const sameDoc =
    id.fromBridge && !id.committed && tab.page.url === url && timeStamp >= tab.page.startedAt - 50;
  if (sameDoc) {
    identities.set(tabId, { ...id, committed: true });
    return false;
  }
  // The commit's time is stamped after the document started (Firefox: up to NAV_CLOCK_SKEW_MS).
  leave(tabId, id, tab, url, timeStamp, NAV_CLOCK_SKEW_MS);
  identities.set(tabId, { ...id, fromBridge: false, committed: true });
  return true;
}

/**
 * A message from the top frame's bridge: resets the page if it comes from a document we have
 * not seen. Returns false when the message must be dropped.
 */
export function onTopBridge(
  tabId: number,
  tab: TabState,
  url: string,
  timeOrigin: number,
  restored = false,
): boolean {
  if (isStripeCheckout(url)) return false;
  const id = identity(tabId);
  if (Math.abs(tab.page.startedAt - timeOrigin) < 1) return true;
  // Back from the back/forward cache: an old document by its clock, the tab's page again.
  if (restored) {
    if (!id.fromBridge && withoutHash(tab.page.url) === withoutHash(url)) adopt(tabId, id, tab, timeOrigin);
    else {
      leave(tabId, id, tab, url, timeOrigin, FRAME_CLOCK_SKEW_MS);
      identities.set(tabId, { ...id, fromBridge: true, committed: false });
    }
    comeBack(tabId, tab, timeOrigin);
    return true;
  }
  // A document this tab has left, known by its own clock: its late flush is not a new page.
  if (isLeftDocument(tabId, timeOrigin)) return false;
  // One that started well before this navigation began cannot be the committed document.
  if (id.navStart !== undefined && timeOrigin < id.navStart - NAV_CLOCK_SKEW_MS) return false;
  // (A tab we knew nothing about has no URL yet: this document simply becomes its page.)
  if (tab.page.url !== '' && timeOrigin <= tab.page.startedAt + 50) {
    // Older than the current page: either the committed document itself (it starts shortly
    // before its commit, when the commit came first) or a previous page flushing late.
    if (id.fromBridge || tab.page.startedAt - timeOrigin >= 10_000) return false;
    if (withoutHash(tab.page.url) !== withoutHash(url)) return false;
    adopt(tabId, id, tab, timeOrigin);
    return true;
  }
  leave(tabId, id, tab, url, timeOrigin, FRAME_CLOCK_SKEW_MS);
  identities.set(tabId, { ...id, fromBridge: true, committed: false });
  return true;
}

/**
 * A frame's report was just applied to the tab's page. The top frame's speaks for the page;
 * a subframe's is held until it does (the page may yet turn out to be an earlier one).
 */
export function onReportApplied(
  tabId: number,
  tab: TabState,
  top: boolean,
  from: FrameInfo,
  events: BridgeEvent[],
): void {
  if (top) earlyFrames.confirm(tabId, tab.page.startedAt);
  else earlyFrames.keep(tabId, tab.page.startedAt, from, events);
}

/** The committed page is this document: its own clock is the better origin for `at` times. */
function adopt(tabId: number, id: Identity, tab: TabState, timeOrigin: number): void {
  const shift = tab.page.startedAt - timeOrigin;
  for (const r of tab.page.requests) r.at += shift;
  for (const n of tab.page.navigations) n.at += shift;
  tab.page.startedAt = timeOrigin;
  identities.set(tabId, { ...id, fromBridge: true });
}

export function forgetIdentity(tabId: number): void {
  identities.delete(tabId);
  leftPages.delete(tabId);
  entries.forget(tabId);
  earlyFrames.forget(tabId);
}
