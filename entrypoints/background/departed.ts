/**
 * The last pages each tab left, as they were when left (state and findings), for the CLI: a
 * page that moves itself during its watch (a script redirect, a login wall) is reported page
 * by page. In memory only, a few per tab; never handed to a page (only the sealed channel
 * reads them).
 */
import type { TabState } from '../../src/model/types';
import type { LeftPage } from '../../src/protocol/messages';

const departed = new Map<number, LeftPage[]>();
/** Pages kept per tab: a page that redirects in a loop cannot grow the worker. */
const KEPT = 5;

/** Remembers the page `tab` had when the tab left it. */
export function rememberDeparted(tabId: number, tab: TabState): void {
  // A fresh tab's first document (about:blank) is not a page anyone asked about.
  if (!/^https?:/.test(tab.page.url)) return;
  const list = [...(departed.get(tabId) ?? []), { page: tab.page, findings: tab.findings }];
  departed.set(tabId, list.slice(-KEPT));
}

/** The pages left that had started at `since` (epoch ms) or later, oldest first. */
export function departedSince(tabId: number, since: number): LeftPage[] {
  return (departed.get(tabId) ?? []).filter((p) => p.page.startedAt >= since);
}

/** The tab closed. */
export function forgetDeparted(tabId: number): void {
  departed.delete(tabId);
}
