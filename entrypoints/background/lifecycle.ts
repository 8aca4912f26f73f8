/**
 * When does a tab start a new page? Two signals race: webNavigation's commit and the first
 * message of the new document's bridge (which carries the document's timeOrigin). Whichever
 * arrives first resets the page; the other recognises the page as already reset. Messages
 * from a document older than the latest navigation (the previous page flushing late) and
 * from Stripe's checkout page are dropped.
 */
import { isStripeCheckout } from '../../src/detect/stripe';
import type { TabState } from '../../src/model/types';
import { resetPage } from '../../src/store/page';

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
 * After a worker restart nothing is known: treat the page as committed but not yet matched
 * to a document, so the committed document's next message is adopted, not dropped.
 */
const identity = (tabId: number): Identity => identities.get(tabId) ?? { fromBridge: false, committed: true };

/** The top frame starts navigating: documents that started before this are on their way out. */
export function onTopBeforeNavigate(tabId: number, timeStamp: number): void {
  identities.set(tabId, { ...identity(tabId), navStart: timeStamp });
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
  resetPage(tab, url, timeStamp);
  identities.set(tabId, { ...id, fromBridge: false, committed: true });
  return true;
}

/**
 * A message from the top frame's bridge: resets the page if it comes from a document we have
 * not seen. Returns false when the message must be dropped.
 */
export function onTopBridge(tabId: number, tab: TabState, url: string, timeOrigin: number): boolean {
  if (isStripeCheckout(url)) return false;
  const id = identity(tabId);
  if (Math.abs(tab.page.startedAt - timeOrigin) < 1) return true;
  if (id.navStart !== undefined && timeOrigin < id.navStart - 50) return false;
  // (A tab we knew nothing about has no URL yet: this document simply becomes its page.)
  if (tab.page.url !== '' && timeOrigin <= tab.page.startedAt + 50) {
    // Older than the current page: either the committed document itself (it starts shortly
    // before its commit, when the commit came first) or a previous page flushing late.
    if (id.fromBridge || tab.page.startedAt - timeOrigin >= 10_000) return false;
    if (withoutHash(tab.page.url) !== withoutHash(url)) return false;
    // The document's own clock is the better origin for `at` times.
    const shift = tab.page.startedAt - timeOrigin;
    for (const r of tab.page.requests) r.at += shift;
    for (const n of tab.page.navigations) n.at += shift;
    tab.page.startedAt = timeOrigin;
    identities.set(tabId, { ...id, fromBridge: true });
    return true;
  }
  resetPage(tab, url, timeOrigin);
  identities.set(tabId, { ...id, fromBridge: true, committed: false });
  return true;
}

const withoutHash = (u: string) => u.split('#')[0];

export function forgetIdentity(tabId: number): void {
  identities.delete(tabId);
}
