/** Creating and resetting a tab's page state. */
import type { CookieHost, Json, PageState, TabHistory, TabState } from '../model/types';
import { siteOfUrl } from '../rules/site';
import { listBytes, recentWithin } from './budget';

/** Caps per page: a page that calls `po` in a loop must not grow the worker without bound. */
export const PAGE_CAPS = {
  calls: 2000,
  errors: 200,
  requests: 500,
  links: 1000,
  navigations: 100,
  scripts: 50,
  loaderRuns: 50,
  heldScripts: 20,
} as const;

/** A kind of page data: a list of PageState with its own caps. */
export type PageKind = keyof typeof PAGE_CAPS;

/**
 * The page data one tab keeps of each kind, in UTF-8 bytes of JSON: a flood of one kind
 * (Partnero requests fired before the links were even scanned) cannot crowd out the others.
 * An honest page stays far below: a call is ~200 bytes, a clicked link ~600.
 */
export const PAGE_SHARES: Record<PageKind, number> = {
  calls: 128 * 1024,
  links: 192 * 1024,
  requests: 128 * 1024,
  errors: 32 * 1024,
  navigations: 16 * 1024,
  scripts: 8 * 1024,
  loaderRuns: 4 * 1024,
  heldScripts: 4 * 1024,
};

/**
 * The page data one tab keeps, 512 KiB: everything the page chooses the size of (calls and
 * their arguments, errors, links and their click outcomes, Partnero requests and bodies,
 * checkout navigations, scripts, loader runs), each kind within its PAGE_SHARES. 2,000 calls
 * of 31 KB once made a 60 MB tab state. What would exceed it is counted as dropped
 * (src/store/reducer.ts `admit`).
 */
export const PAGE_BYTES = Object.values(PAGE_SHARES).reduce((sum, share) => sum + share, 0);

export function newPage(url: string, startedAt: number): PageState {
  return {
    url,
    startedAt,
    watchEnded: false,
    queueName: null,
    loaderRuns: [],
    calls: [],
    queue: null,
    errors: [],
    scripts: [],
    requests: [],
    links: [],
    cookie: null,
    navigations: [],
    clickTest: 'idle',
    dropped: 0,
  };
}

/** The Partnero loader is on the page: its queue exists, it ran, or its script tag is there. */
export function hasLoader(page: PageState): boolean {
  return page.queueName !== null || page.loaderRuns.length > 0 || page.scripts.length > 0;
}

/**
 * Opening the popup or the panel asks to inspect the page, so a page with the loader gets
 * its Payment Links test-clicked once: `now` when the watch is over, `at-end` while it runs
 * (late links are in by then), null when a click test already ran or nothing asks for one.
 */
export function clickTestOnOpen(page: PageState): 'now' | 'at-end' | null {
  if (page.clickTest !== 'idle') return null;
  if (!page.watchEnded) return page.clickTestAtEnd ? null : 'at-end';
  return hasLoader(page) ? 'now' : null;
}

export function newTab(url = '', startedAt = Date.now()): TabState {
  return { page: newPage(url, startedAt), history: { transactionKeys: [], signupKeys: [] }, findings: [] };
}

/**
 * The top frame moved to a new document: what must outlive the page (transaction and signup
 * keys, for `transaction.duplicate` / `transaction.create-customer`; the host when it had the
 * referral cookie, for `cookie.lost-across-subdomains`) goes to the history.
 */
export function resetPage(tab: TabState, url: string, startedAt: number): void {
  const history = historyFor(tab, url);
  // Requests that started after the new page began belong to it (they may arrive first).
  // Same objects, shifted in place: the network watcher completes them by identity.
  const shift = tab.page.startedAt - startedAt;
  const carried = tab.page.requests.filter((r) => r.at + shift >= 0);
  for (const r of carried) r.at += shift;
  tab.page = newPage(url, startedAt);
  tab.page.requests = carried;
  if (carried.length > 0) tab.page.bytes = listBytes(carried);
  tab.history = history;
  tab.findings = [];
}

/**
 * The history the tab's next page (at `url`) starts with. Keys, e-mails and hosts of one site
 * are none of another's business: when the tab moves to another site, it starts empty. A page
 * that is no site (`about:blank`, a browser page) neither keeps nor forgets it.
 */
function historyFor(tab: TabState, url: string): TabHistory {
  const was = siteOfUrl(tab.page.url) ?? tab.history.site;
  const next = siteOfUrl(url);
  if (next !== null && was !== undefined && next !== was)
    return { site: next, transactionKeys: [], signupKeys: [] };
  const site = next ?? was;
  return {
    ...(site !== undefined && { site }),
    transactionKeys: recentKeys([
      ...tab.history.transactionKeys,
      ...keysOf(tab.page, 'transactions', 'create'),
    ]),
    signupKeys: recentKeys([...tab.history.signupKeys, ...keysOf(tab.page, 'customers', 'signup')]),
    queueNames: [
      ...new Set([...(tab.history.queueNames ?? []), ...(tab.page.queueName ? [tab.page.queueName] : [])]),
    ].slice(-HISTORY_KEPT.queueNames),
    cookieHosts: withCookieHost(tab.history.cookieHosts ?? [], tab.page),
  };
}

/**
 * A page back from the back/forward cache was filed into the history when the visitor left
 * it; once its replay is applied, its own keys come out again (one occurrence each), so its
 * transaction is not reported as a duplicate of itself.
 */
export function unfileRestoredPage(tab: TabState): void {
  const without = (list: string[], keys: string[]) => {
    const out = [...list];
    for (const key of keys) {
      const i = out.lastIndexOf(key);
      if (i >= 0) out.splice(i, 1);
    }
    return out;
  };
  tab.history = {
    ...tab.history,
    transactionKeys: without(tab.history.transactionKeys, keysOf(tab.page, 'transactions', 'create')),
    signupKeys: without(tab.history.signupKeys, keysOf(tab.page, 'customers', 'signup')),
  };
}

/**
 * What the history keeps, the most recent: keys per list, and their bytes (a page chooses its
 * keys; 64 KiB is over 2,000 keys of 30 bytes, so the byte cap binds only on hostile keys).
 */
export const HISTORY_KEPT = { keys: 500, keyBytes: 64 * 1024, queueNames: 20 } as const;

const recentKeys = (keys: string[]) => recentWithin(keys.slice(-HISTORY_KEPT.keys), HISTORY_KEPT.keyBytes);

/** How many hosts `TabHistory.cookieHosts` remembers (the most recent). */
export const COOKIE_HOSTS_KEPT = 20;

/**
 * The hosts that had the referral cookie, plus the page being left when it ends with one
 * (replacing that host's earlier entry, so the latest value and domain count), capped.
 */
export function withCookieHost(hosts: readonly CookieHost[], page: PageState): CookieHost[] {
  const url = page.cookie ? URL.parse(page.url) : null;
  if (!page.cookie || !url || !/^https?:$/.test(url.protocol) || url.hostname === '') return [...hosts];
  const entry: CookieHost = {
    host: url.hostname,
    url: `${url.origin}${url.pathname}`.slice(0, 300),
    value: page.cookie.value.slice(0, 200),
    ...(page.cookie.domain !== undefined && { domain: page.cookie.domain }),
  };
  return [...hosts.filter((h) => h.host !== entry.host), entry].slice(-COOKIE_HOSTS_KEPT);
}

function keysOf(page: PageState, command: string, action: string): string[] {
  const out: string[] = [];
  for (const c of page.calls) {
    if (c.args[0] !== command || c.args[1] !== action) continue;
    const key = dataKey(c.args[2]);
    if (key !== null) out.push(key);
  }
  return out;
}

/** `payload.data.key` as a string, or null. */
export function dataKey(payload: Json | undefined): string | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const data = payload.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const key = data.key;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : null;
}
