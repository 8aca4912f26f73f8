/**
 * When does a tab start a new page? Two signals race: webNavigation's commit and the first
 * message of the new document's bridge (which carries the document's timeOrigin). Whichever
 * arrives first resets the page; the other recognises the page as already reset.
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
}
const identities = new Map<number, Identity>();
const identity = (tabId: number): Identity => identities.get(tabId) ?? { fromBridge: true, committed: true };

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
  identities.set(tabId, { fromBridge: false, committed: true });
  return true;
}

/** A message from the top frame's bridge: reset if it comes from a document we have not seen. */
export function onTopBridge(tabId: number, tab: TabState, url: string, timeOrigin: number): void {
  const id = identity(tabId);
  if (Math.abs(tab.page.startedAt - timeOrigin) < 1) return;
  const adopt =
    !id.fromBridge && timeOrigin <= tab.page.startedAt + 50 && tab.page.startedAt - timeOrigin < 60_000;
  if (adopt) {
    // The commit came first; the document's own clock is the better origin for `at` times.
    const shift = tab.page.startedAt - timeOrigin;
    for (const r of tab.page.requests) r.at += shift;
    for (const n of tab.page.navigations) n.at += shift;
    tab.page.startedAt = timeOrigin;
    identities.set(tabId, { fromBridge: true, committed: id.committed });
    return;
  }
  resetPage(tab, url, timeOrigin);
  identities.set(tabId, { fromBridge: true, committed: false });
}

export function forgetIdentity(tabId: number): void {
  identities.delete(tabId);
}
