/**
 * Watches the tab's traffic: every request to a Partnero host (status, failure, blocker),
 * and every navigation that reaches Stripe checkout (for checkout.navigation-not-attributed).
 */
import { browser } from 'wxt/browser';
import { cap } from '../../src/bridge/limits';
import { isStripeCheckout } from '../../src/detect/stripe';
import type { NetRequest } from '../../src/model/types';
import { endRequest, type RequestEnd } from '../../src/store/observed';
import { addBrowserRequest, admit } from '../../src/store/reducer';
import { updateTab } from './store';

const PARTNERO = ['*://partnero.com/*', '*://*.partnero.com/*'];
/** The most a request's outcome (status, browser error, blocker, duration) adds to its record. */
const OUTCOME_BYTES = 128;

/** requestId → the request record (same object as in the page state while the page lives). */
const open = new Map<string, { tabId: number; req: NetRequest }>();

/**
 * Resolves once the tab has no Partnero request in flight, or after `timeoutMs`. A request
 * has landed when webRequest reported its end or when the browser's driver reported its
 * status (the CLI: Firefox reports no end at all for requests a WebDriver client answered,
 * which would otherwise hold every page for the whole timeout).
 */
export async function requestsSettled(tabId: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const [id, entry] of open) {
      const { status, error } = entry.req;
      if (status !== undefined || error !== undefined) open.delete(id);
    }
    if (![...open.values()].some((r) => r.tabId === tabId) || Date.now() >= until) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Listens to Partnero requests (webRequest, where the extension holds it: Firefox, and the
 * CLI's copy in Chromium; elsewhere the page's Resource Timing reports them, src/bridge/requests.ts)
 * and to navigations into Stripe checkout.
 */
export function watchNetwork(): void {
  if (browser.webRequest) watchPartneroRequests();
  watchCheckoutNavigations();
}

function watchPartneroRequests(): void {
  browser.webRequest.onBeforeRequest.addListener(
    (d): undefined => {
      if (d.tabId < 0) return;
      void updateTab(d.tabId, (tab) => {
        const req: NetRequest = {
          url: cap(d.url),
          method: d.method,
          type: d.type,
          at: d.timeStamp - tab.page.startedAt,
        };
        const body = bodyText(d.requestBody);
        if (body) req.requestBody = body;
        // Counted in the page's data budget (the page chooses these URLs and bodies), with room
        // for its outcome: `,"status":…,"error":"net::…","blocked":"client","duration":…`.
        const kept = addBrowserRequest(tab.page, req, OUTCOME_BYTES);
        if (!kept) return false;
        open.set(d.requestId, { tabId: d.tabId, req: kept });
        return true;
      });
    },
    { urls: PARTNERO },
    ['requestBody'],
  );
  browser.webRequest.onCompleted.addListener(
    (d) => finish(d.tabId, d.requestId, d.timeStamp, { status: d.statusCode }),
    { urls: PARTNERO },
  );
  browser.webRequest.onErrorOccurred.addListener(
    (d) =>
      finish(d.tabId, d.requestId, d.timeStamp, {
        error: d.error,
        ...(/BLOCKED_BY_CLIENT|NS_ERROR_BLOCKED/i.test(d.error) && { blocked: 'client' as const }),
      }),
    { urls: PARTNERO },
  );
  // Server redirects into checkout never show up as a page-initiated navigation.
  browser.webRequest.onBeforeRedirect.addListener(
    (d) => {
      if (d.tabId < 0 || !isStripeCheckout(d.redirectUrl)) return;
      recordNavigation(d.tabId, d.redirectUrl, d.timeStamp, true);
    },
    { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] },
  );
}

function watchCheckoutNavigations(): void {
  const checkout = { url: [{ hostEquals: 'buy.stripe.com' }, { hostEquals: 'checkout.stripe.com' }] };
  // Without webRequest, a server redirect into checkout shows at its commit (the page it left
  // is still the tab's: a checkout page never becomes it). Heard twice with webRequest: kept once.
  browser.webNavigation.onCommitted.addListener((d) => {
    if ((d.transitionQualifiers ?? []).includes('server_redirect') && isStripeCheckout(d.url))
      recordNavigation(d.tabId, d.url, d.timeStamp, true);
  }, checkout);
  // window.open / target=_blank: the navigation happens in a new tab, the attribution
  // problem belongs to the page that opened it.
  browser.webNavigation.onCreatedNavigationTarget.addListener((d) => {
    if (isStripeCheckout(d.url)) recordNavigation(d.sourceTabId, d.url, d.timeStamp, false);
  });
  browser.webNavigation.onBeforeNavigate.addListener((d) => {
    if (isStripeCheckout(d.url)) recordNavigation(d.tabId, d.url, d.timeStamp, false);
  }, checkout);
}

function finish(tabId: number, requestId: string, timeStamp: number, patch: RequestEnd): void {
  const req = open.get(requestId)?.req;
  open.delete(requestId);
  if (!req || tabId < 0) return;
  void updateTab(tabId, (tab) => {
    const live =
      tab.page.requests.find((r) => r === req) ??
      tab.page.requests.find((r) => r.url === req.url && r.at === req.at);
    if (!live) return false;
    endRequest(live, patch, Math.round(timeStamp - (tab.page.startedAt + live.at)));
    return true;
  });
}

function recordNavigation(tabId: number, url: string, timeStamp: number, serverRedirect: boolean): void {
  if (tabId < 0) return;
  void updateTab(tabId, (tab) => {
    const list = tab.page.navigations;
    if (list.some((n) => n.url === url)) return false;
    return admit(tab.page, 'navigations', list, {
      url: cap(url),
      at: timeStamp - tab.page.startedAt,
      ...(serverRedirect && { serverRedirect }),
    });
  });
}

function bodyText(body: { raw?: { bytes?: ArrayBuffer }[] } | null | undefined): string | undefined {
  const bytes = body?.raw?.[0]?.bytes;
  if (!bytes) return undefined;
  return cap(new TextDecoder().decode(bytes), 4000);
}
