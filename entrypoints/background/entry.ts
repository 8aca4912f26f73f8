/**
 * Feeds the tracker of how each page was reached (src/store/entry.ts): every top-frame request
 * and its redirects, as webRequest reports them before the page exists. Where the extension has
 * no webRequest (the Chromium build, README "Page load"), the navigation's start and its commit
 * tell the same, less the hops between and their statuses.
 */
import { browser } from 'wxt/browser';
import { withoutHash } from '../../src/rules/urls';
import { entries } from '../../src/store/entry';
import { updateTab } from './store';

/** Listens to the tab's top-frame requests (a redirect keeps its request id). */
export function watchEntries(): void {
  if (!browser.webRequest) {
    watchEntriesByNavigation();
    return;
  }
  const filter = { urls: ['<all_urls>'], types: ['main_frame' as const] };
  browser.webRequest.onBeforeRequest.addListener((d): undefined => {
    if (d.tabId >= 0) entries.request(d.tabId, d.requestId, d.url);
  }, filter);
  browser.webRequest.onBeforeRedirect.addListener((d) => {
    if (d.tabId < 0) return;
    entries.redirect(d.tabId, d.requestId, d.statusCode, d.url, d.redirectUrl);
    void updateTab(d.tabId, (tab) => entries.attachLate(d.tabId, tab.page));
  }, filter);
}

/**
 * The navigation's first URL (onBeforeNavigate) and, when the browser says the commit followed
 * a server redirect, where it ended: one hop from the first URL to the last. Registered before
 * the commit listener that resets the tab's page, so the page it enters finds the hop.
 */
function watchEntriesByNavigation(): void {
  let n = 0;
  browser.webNavigation.onBeforeNavigate.addListener((d) => {
    if (d.frameId === 0 && d.tabId >= 0) entries.request(d.tabId, `nav-${++n}`, d.url);
  });
  browser.webNavigation.onCommitted.addListener((d) => {
    const started = d.frameId === 0 ? entries.asked(d.tabId) : undefined;
    if (!started || !(d.transitionQualifiers ?? []).includes('server_redirect')) return;
    if (withoutHash(started.url) === withoutHash(d.url)) return;
    entries.redirect(d.tabId, started.requestId, undefined, started.url, d.url);
    // The page's bridge may have reported first: the page started already, the hop joins it.
    void updateTab(d.tabId, (tab) => entries.attachLate(d.tabId, tab.page));
  });
}
