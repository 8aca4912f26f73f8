/**
 * When a tab starts a new page: webNavigation's top-frame commit and the new document's first
 * bridge message race. Whichever arrives first resets the page; the other must recognise it.
 * (entrypoints/background/__tests__ is outside vitest's include, hence this location.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  forgetIdentity,
  onTopBeforeNavigate,
  onTopBridge,
  onTopCommitted,
} from '../../entrypoints/background/lifecycle';
import type { TabState } from '../../src/model/types';
import { newTab } from '../../src/store/page';

const T0 = 1_700_000_000_000;
const SHOP = 'https://shop.example.com/pricing';
const THANKS = 'https://shop.example.com/thanks';

let nextTab = 1;
const used: number[] = [];
/** A tab id no other test has used (identities are module state). */
function tabId(): number {
  const id = nextTab++;
  used.push(id);
  return id;
}
afterEach(() => {
  for (const id of used.splice(0)) forgetIdentity(id);
});

/** Marks the page as observed, so a reset is visible: a call with a transaction key, a finding. */
function observe(tab: TabState, key = 'ch_1'): void {
  tab.page.calls.push({
    args: ['transactions', 'create', { data: { key, amount: 1, customer: { key: 'cus_1' } } }],
    at: 5,
    frame: 'top',
  });
  tab.page.queueName = 'po';
  tab.findings.push({ rule: 'transaction.amount-zero', severity: 'warning', message: 'x' });
}
const wasReset = (tab: TabState) => tab.page.calls.length === 0;

describe('commit first, then the bridge', () => {
  it('a bridge message with an earlier timeOrigin adopts the committed page (no reset)', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    expect(onTopCommitted(id, tab, THANKS, T0 + 1000)).toBe(true);
    observe(tab);
    onTopBridge(id, tab, THANKS, T0 + 900);
    expect(wasReset(tab)).toBe(false);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.page.startedAt).toBe(T0 + 900);
    expect(tab.history.transactionKeys).toEqual([]);
  });

  it('adopting keeps request and navigation times pointing at the same instants', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0 + 1000);
    tab.page.requests.push({ url: 'https://app.partnero.com/js/universal.js', method: 'GET', at: 30 });
    tab.page.navigations.push({ url: 'https://buy.stripe.com/x', at: 70 });
    onTopBridge(id, tab, THANKS, T0 + 900);
    expect(tab.page.startedAt + (tab.page.requests[0]?.at ?? Number.NaN)).toBe(T0 + 1030);
    expect(tab.page.startedAt + (tab.page.navigations[0]?.at ?? Number.NaN)).toBe(T0 + 1070);
  });

  it('later messages of the adopted document change nothing', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0 + 1000);
    onTopBridge(id, tab, THANKS, T0 + 900);
    observe(tab);
    onTopBridge(id, tab, THANKS, T0 + 900);
    onTopBridge(id, tab, THANKS, T0 + 900.4);
    expect(wasReset(tab)).toBe(false);
    expect(tab.page.startedAt).toBe(T0 + 900);
  });

  it('a message with exactly the commit time is the same document', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0 + 1000);
    observe(tab);
    onTopBridge(id, tab, THANKS, T0 + 1000);
    expect(wasReset(tab)).toBe(false);
  });

  it('a bridge message from a document that started well after the commit is a new page', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0 + 1000);
    observe(tab);
    onTopBridge(id, tab, SHOP, T0 + 5000);
    expect(wasReset(tab)).toBe(true);
    expect(tab.page.url).toBe(SHOP);
    expect(tab.page.startedAt).toBe(T0 + 5000);
    expect(tab.history.transactionKeys).toEqual(['ch_1']);
  });
});

describe('bridge first, then the commit', () => {
  it('the bridge of a new document resets; the commit of the same URL then does not', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 5);
    observe(tab, 'ch_old');
    // The visitor goes on to the confirmation page; its bridge reports before the commit.
    onTopBridge(id, tab, THANKS, T0 + 3000);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.history.transactionKeys).toEqual(['ch_old']);
    observe(tab, 'ch_new');
    expect(onTopCommitted(id, tab, THANKS, T0 + 3040)).toBe(false);
    expect(wasReset(tab)).toBe(false);
    expect(tab.page.startedAt).toBe(T0 + 3000);
    expect(tab.history.transactionKeys).toEqual(['ch_old']);
  });

  it('a commit of another URL after the bridge is a new page', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 + 100);
    observe(tab);
    expect(onTopCommitted(id, tab, THANKS, T0 + 3000)).toBe(true);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.history.transactionKeys).toEqual(['ch_1']);
  });
});

describe('reloads and repeated visits of the same URL', () => {
  it('a reload (commit of the same URL after the page was fully identified) resets', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0);
    onTopBridge(id, tab, THANKS, T0 - 10);
    observe(tab);
    expect(onTopCommitted(id, tab, THANKS, T0 + 20_000)).toBe(true);
    expect(wasReset(tab)).toBe(true);
    expect(tab.history.transactionKeys).toEqual(['ch_1']);
  });

  it('a reload whose new document reports before the commit resets once, not twice', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0);
    onTopBridge(id, tab, THANKS, T0 - 10);
    observe(tab, 'ch_1');
    onTopBridge(id, tab, THANKS, T0 + 20_000);
    observe(tab, 'ch_2');
    expect(onTopCommitted(id, tab, THANKS, T0 + 20_030)).toBe(false);
    expect(tab.history.transactionKeys).toEqual(['ch_1']);
    expect(tab.page.calls).toHaveLength(1);
  });

  it('the same order-confirmation URL reloaded twice files both transactions in the history', () => {
    const id = tabId();
    const tab = newTab(THANKS, T0);
    onTopCommitted(id, tab, THANKS, T0);
    onTopBridge(id, tab, THANKS, T0);
    observe(tab, 'ch_1');
    onTopCommitted(id, tab, THANKS, T0 + 10_000);
    onTopBridge(id, tab, THANKS, T0 + 9_990);
    observe(tab, 'ch_1');
    onTopCommitted(id, tab, THANKS, T0 + 20_000);
    expect(tab.history.transactionKeys).toEqual(['ch_1', 'ch_1']);
  });
});

describe('Stripe checkout keeps the merchant page', () => {
  it.each([
    'https://buy.stripe.com/aEU5lm?client_reference_id=P1',
    'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002',
    'https://checkout.stripe.com/c/pay/cs_test_a1#fid',
  ])('commit of %s: no reset, findings kept', (url) => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 3);
    observe(tab);
    expect(onTopCommitted(id, tab, url, T0 + 8000)).toBe(false);
    expect(tab.page.url).toBe(SHOP);
    expect(wasReset(tab)).toBe(false);
    expect(tab.findings).toHaveLength(1);
  });

  it('coming back from checkout to the merchant is a new page', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 3);
    observe(tab);
    onTopCommitted(id, tab, 'https://checkout.stripe.com/c/pay/cs_test_a1', T0 + 8000);
    expect(onTopCommitted(id, tab, THANKS, T0 + 60_000)).toBe(true);
    expect(tab.page.url).toBe(THANKS);
  });

  // Regression (was a bug) (lifecycle.ts:36, onTopBridge): the bridge content script runs on <all_urls>, so
  // the Stripe checkout document's own bridge reports too (at the latest its `loaded` event).
  // onTopCommitted ignores Stripe URLs but onTopBridge does not: the message resets the tab
  // to the checkout URL, dropping the merchant page's state and findings (and
  // entrypoints/background/index.ts then applies the Stripe page's events, e.g. `cookie:
  // null`). Fix: `if (isStripeCheckout(url)) return` in onTopBridge, and skip page-events
  // from a Stripe top frame in index.ts.
  it("the checkout page's own bridge message does not replace the merchant page", () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 3);
    observe(tab);
    const checkout = 'https://buy.stripe.com/aEU5lm';
    onTopCommitted(id, tab, checkout, T0 + 8000);
    onTopBridge(id, tab, checkout, T0 + 7990);
    expect(tab.page.url).toBe(SHOP);
    expect(wasReset(tab)).toBe(false);
  });
});

describe('tabs and unknown tabs', () => {
  it('identities are per tab', () => {
    const a = tabId();
    const b = tabId();
    const tabA = newTab(SHOP, T0);
    const tabB = newTab(SHOP, T0);
    onTopCommitted(a, tabA, THANKS, T0 + 1000);
    // Tab b had no commit: a bridge message with an older origin is a new document there.
    observe(tabB);
    onTopBridge(b, tabB, THANKS, T0 + 900);
    expect(wasReset(tabB)).toBe(true);
    expect(tabB.page.startedAt).toBe(T0 + 900);
    // Tab a adopts.
    observe(tabA);
    onTopBridge(a, tabA, THANKS, T0 + 900);
    expect(wasReset(tabA)).toBe(false);
  });

  it.each<{ name: string; act: (id: number, tab: TabState) => void; reset: boolean }>([
    // After a service-worker restart nothing is known: every signal from a new document resets.
    { name: 'commit of the same URL', act: (id, tab) => onTopCommitted(id, tab, SHOP, T0 + 5), reset: true },
    {
      name: 'bridge of a new document',
      act: (id, tab) => onTopBridge(id, tab, SHOP, T0 + 5000),
      reset: true,
    },
    {
      name: 'bridge of the current document',
      act: (id, tab) => onTopBridge(id, tab, SHOP, T0 + 0.5),
      reset: false,
    },
  ])('unknown tab (e.g. worker restarted): $name', ({ act, reset }) => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    observe(tab);
    act(id, tab);
    expect(wasReset(tab)).toBe(reset);
  });

  it('forgetIdentity (a worker restart): the committed document is adopted, its events kept', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0 + 1000);
    forgetIdentity(id);
    observe(tab);
    expect(onTopBridge(id, tab, THANKS, T0 + 900)).toBe(true);
    expect(wasReset(tab)).toBe(false);
    expect(tab.page.startedAt).toBe(T0 + 900);
  });
});

describe('late messages from the previous document', () => {
  // Regression (was a bug) (lifecycle.ts:39-40): adoption checks only the time window, not the URL. The old
  // document's last flush (pagehide, or a click report still in its 50 ms batch) can arrive
  // after the new page's commit; its timeOrigin is earlier than the commit and within 60 s,
  // so it is adopted: the new page's startedAt moves to the old document's origin (every
  // `at` of the new page is then off by the old page's lifetime) and the old document's
  // events are applied to the new page until the new document's bridge resets it again
  // (never, on a page without a content script). Fix: adopt only a document that can be the
  // committed one (timeOrigin not before the navigation's start from
  // webNavigation.onBeforeNavigate, or the bridge's URL at document_start equal to the
  // committed URL), and tell the caller to drop messages from a document that is gone.
  it('a late flush of the previous URL does not move the new page onto its clock', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 5);
    // The visitor clicks through to the confirmation page; it commits at +20 s.
    onTopCommitted(id, tab, THANKS, T0 + 20_000);
    // Then the pricing page's pagehide flush arrives.
    onTopBridge(id, tab, SHOP, T0 - 5);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.page.startedAt).toBe(T0 + 20_000);
  });
});

describe("Firefox: the new document's clock is before the navigation's start", () => {
  // Firefox stamps webNavigation events in the parent process, after the content process
  // has started the new document: its timeOrigin can be 100+ ms before onBeforeNavigate.
  it('the committed document is adopted, not dropped as a previous page', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 5);
    onTopBeforeNavigate(id, T0 + 20_000);
    onTopCommitted(id, tab, THANKS, T0 + 20_040);
    observe(tab, 'ch_new');
    expect(onTopBridge(id, tab, THANKS, T0 + 19_850)).toBe(true);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.page.startedAt).toBe(T0 + 19_850);
    expect(tab.page.calls).toHaveLength(1);
  });

  it("a reload: the old document's late flush is still dropped, the new one adopted", () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0);
    onTopBridge(id, tab, SHOP, T0 - 5);
    onTopBeforeNavigate(id, T0 + 900);
    onTopCommitted(id, tab, SHOP, T0 + 950);
    // The old document's pagehide flush: its clock is known, it lived under a second.
    expect(onTopBridge(id, tab, SHOP, T0 - 5)).toBe(false);
    expect(tab.page.startedAt).toBe(T0 + 950);
    expect(onTopBridge(id, tab, SHOP, T0 + 800)).toBe(true);
    expect(tab.page.startedAt).toBe(T0 + 800);
  });
});

describe('back from the back/forward cache', () => {
  it('the commit came first: the replay of the old document is adopted, not dropped', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0);
    onTopBridge(id, tab, THANKS, T0 - 10);
    onTopCommitted(id, tab, SHOP, T0 + 20_000);
    // Back: the confirmation page is restored, commit first, then its replay.
    onTopCommitted(id, tab, THANKS, T0 + 40_000);
    expect(onTopBridge(id, tab, THANKS, T0 - 10)).toBe(false);
    expect(onTopBridge(id, tab, THANKS, T0 - 10, true)).toBe(true);
    expect(tab.page.url).toBe(THANKS);
    expect(tab.page.startedAt).toBe(T0 - 10);
    // Later reports of the restored document belong to the same page.
    observe(tab);
    expect(onTopBridge(id, tab, THANKS, T0 - 10)).toBe(true);
    expect(wasReset(tab)).toBe(false);
  });

  it('gets back the requests only the worker saw of it (the bridge cannot replay those)', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, THANKS, T0);
    onTopBridge(id, tab, THANKS, T0 - 10);
    tab.page.requests.push({
      url: 'https://app.partnero.com/js/universal.js',
      method: 'GET',
      at: 30,
      status: 404,
    });
    onTopCommitted(id, tab, SHOP, T0 + 20_000);
    onTopCommitted(id, tab, THANKS, T0 + 40_000);
    onTopBridge(id, tab, THANKS, T0 - 10, true);
    expect(tab.page.requests.map((r) => [r.status, r.at])).toEqual([[404, 30]]);
  });

  it('the replay came first: it becomes the page, and its commit does not reset it', () => {
    const id = tabId();
    const tab = newTab(SHOP, T0);
    onTopCommitted(id, tab, SHOP, T0 + 20_000);
    expect(onTopBridge(id, tab, THANKS, T0 - 10, true)).toBe(true);
    expect([tab.page.url, tab.page.startedAt]).toEqual([THANKS, T0 - 10]);
    observe(tab);
    expect(onTopCommitted(id, tab, THANKS, T0 + 40_000)).toBe(false);
    expect(wasReset(tab)).toBe(false);
  });
});

describe('a tab the worker knew nothing about', () => {
  it("takes the first bridge message's document as its page, URL included", () => {
    const id = tabId();
    const tab = newTab('', T0);
    forgetIdentity(id);
    expect(onTopBridge(id, tab, SHOP, T0 - 20)).toBe(true);
    expect(tab.page.url).toBe(SHOP);
    expect(tab.page.startedAt).toBe(T0 - 20);
  });
});
