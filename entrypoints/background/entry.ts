/**
 * Feeds the tracker of how each page was reached (src/store/entry.ts): every top-frame request
 * and its redirects, as webRequest reports them before the page exists.
 */
import { browser } from 'wxt/browser';
import { entries } from '../../src/store/entry';
import { updateTab } from './store';

/** Listens to the tab's top-frame requests (a redirect keeps its request id). */
export function watchEntries(): void {
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
