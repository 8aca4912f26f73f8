/**
 * The end of a page's watch period: ask every frame for the queue state, run the click test
 * when wanted, look up the cookie's expiry, then let the rules about what never happened
 * decide. Also the per-link click test and reveal asked for by the popup and the panel.
 */
import { browser } from 'wxt/browser';
import { PARTNER_COOKIE } from '../../src/detect/cookie';
import type { CookieInfo } from '../../src/model/types';
import type { ToContent } from '../../src/protocol/messages';
import { clickTestOnOpen, hasLoader } from '../../src/store/page';
import { requestsSettled } from './network';
import { cachedTabIds, readTab, updateTab } from './store';

const FRAME_TIMEOUT_MS = 3000;

/** Sends `msg` to every frame of the tab and waits (bounded) for all answers. */
async function toAllFrames(tabId: number, msg: ToContent): Promise<unknown[]> {
  const frames = (await browser.webNavigation.getAllFrames({ tabId }).catch(() => null)) ?? [{ frameId: 0 }];
  return Promise.all(
    frames.map((f) =>
      Promise.race([
        browser.tabs.sendMessage(tabId, msg, { frameId: f.frameId }).catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, FRAME_TIMEOUT_MS)),
      ]),
    ),
  );
}

/**
 * Test-clicks the page's links (one link with `linkId`). Its state is only the page's it
 * started on: a page that replaced it meanwhile (a reload) has not been clicked.
 */
export async function runClickTest(tabId: number, linkId?: string): Promise<void> {
  const startedAt = await updateTab(tabId, (tab) => {
    tab.page.clickTest = 'running';
    return tab.page.startedAt;
  });
  await toAllFrames(tabId, { type: 'click-test', ...(linkId && { linkId }) });
  await updateTab(tabId, (tab) => {
    if (tab.page.startedAt !== startedAt) return false;
    tab.page.clickTest = 'done';
    return true;
  });
}

/**
 * Ends the page's watch. The click test runs when `clickTest` says so (the site is opted in,
 * or the CLI asks), or when someone inspects the page: a popup or panel was opened on it
 * during the watch or follows the tab now (`inspected`), and the page has the loader.
 */
export async function finishPage(
  tabId: number,
  opts: { clickTest: boolean; expectPartnero?: boolean; inspected?: boolean },
): Promise<void> {
  await toAllFrames(tabId, { type: 'collect' });
  const { page } = await readTab(tabId);
  const asked = (opts.inspected === true || page.clickTestAtEnd === true) && hasLoader(page);
  if (opts.clickTest || (asked && page.clickTest === 'idle')) await runClickTest(tabId);
  // A tracking call sent just before the end must still get its status into the verdict.
  await requestsSettled(tabId, 2000);
  await updateTab(tabId, async (tab) => {
    tab.page.watchEnded = true;
    if (opts.expectPartnero) tab.page.expectPartnero = true;
    await refreshCookieDetails(tab.page, tabId);
    return true;
  });
}

/** When each recent partnero_partner value landed (epoch ms), by cookie store and value. */
const landed = new Map<string, number>();
const LANDED_KEPT = 20;
const landedKey = (storeId: string | undefined, value: string) => `${storeId ?? ''}\n${value}`;

/**
 * The cookie store a tab's pages use, when the browser tells: an incognito window's (or a
 * Firefox container's) is not the default store, which the cookies API reads when not told
 * which. The stores' ids differ by browser ("0"/"1", "firefox-default"/"firefox-private").
 */
async function cookieStoreOf(tabId: number): Promise<string | undefined> {
  const stores = await browser.cookies.getAllCookieStores().catch(() => []);
  return stores.find((s) => s.tabIds.includes(tabId))?.id;
}

/** When `value` landed in the store; a store not known: its latest landing in any store. */
function landedAt(storeId: string | undefined, value: string): number | undefined {
  if (storeId !== undefined) return landed.get(landedKey(storeId, value));
  let at: number | undefined;
  for (const [key, t] of landed) if (key.endsWith(`\n${value}`)) at = t;
  return at;
}

/**
 * The cookie store often learns of the cookie before the page's bridge reads it (which it
 * does when it next reports): the page's cookie was there since the earlier of the two.
 */
function noteLanding(
  page: { startedAt: number; cookie: CookieInfo | null },
  storeId: string | undefined,
): boolean {
  const at = page.cookie ? landedAt(storeId, page.cookie.raw) : undefined;
  if (!page.cookie || at === undefined || at < page.startedAt) return false;
  const seenAt = Math.round(at - page.startedAt);
  if (page.cookie.seenAt !== undefined && page.cookie.seenAt <= seenAt) return false;
  page.cookie.seenAt = seenAt;
  return true;
}

/** Expiry, domain and path are only visible through the cookies API, in the tab's own store. */
export async function refreshCookieDetails(
  page: { url: string; startedAt: number; cookie: CookieInfo | null },
  tabId: number,
): Promise<void> {
  if (!page.cookie) return;
  const storeId = await cookieStoreOf(tabId);
  noteLanding(page, storeId);
  if (!/^https?:/.test(page.url)) return;
  // A cookie the page has only just written may not be in the store yet: watchCookies fills
  // the details in when it lands, so one look here is enough (and never holds the tab's queue).
  const query = { url: page.url, name: PARTNER_COOKIE, ...(storeId !== undefined && { storeId }) };
  const found = await browser.cookies.getAll(query).catch(() => []);
  const c = found.find((x) => x.value === page.cookie?.raw);
  if (!c) return;
  page.cookie.expires = c.expirationDate ?? null;
  page.cookie.domain = c.domain;
  page.cookie.path = c.path;
}

/**
 * The cookie store tells when the referral cookie lands (a page's document.cookie write
 * reaches it a moment later): fill in expiry, domain and path on the pages showing it, in
 * the tabs of that store only (an incognito tab's cookie says nothing of a normal tab's).
 */
export function watchCookies(): void {
  browser.cookies.onChanged.addListener(async ({ cookie, removed }) => {
    if (removed || cookie.name !== PARTNER_COOKIE) return;
    const key = landedKey(cookie.storeId, cookie.value);
    landed.delete(key);
    landed.set(key, Date.now());
    if (landed.size > LANDED_KEPT) landed.delete(landed.keys().next().value as string);
    const stores = await browser.cookies.getAllCookieStores().catch(() => []);
    const inStore = stores.find((s) => s.id === cookie.storeId)?.tabIds;
    for (const tabId of cachedTabIds()) {
      if (inStore && !inStore.includes(tabId)) continue;
      void updateTab(tabId, (tab) => {
        const c = tab.page.cookie;
        if (!c || c.raw !== cookie.value || !hostMatches(tab.page.url, cookie.domain)) return false;
        const earlier = noteLanding(tab.page, cookie.storeId);
        if (c.expires === (cookie.expirationDate ?? null) && c.domain === cookie.domain) return earlier;
        c.expires = cookie.expirationDate ?? null;
        c.domain = cookie.domain;
        c.path = cookie.path;
        return true;
      });
    }
  });
}

/** The page's host is the cookie's domain or below it (`.shop.com` covers `www.shop.com`). */
function hostMatches(url: string, domain: string): boolean {
  try {
    const host = new URL(url).hostname;
    const d = domain.replace(/^\./, '');
    return host === d || host.endsWith(`.${d}`);
  } catch {
    return false;
  }
}

/**
 * A popup or panel opened on the tab: the page's links are test-clicked once, now when the
 * watch is over, else when it ends (see clickTestOnOpen).
 */
export async function inspectOnOpen(tabId: number): Promise<void> {
  let when: ReturnType<typeof clickTestOnOpen> = null;
  await updateTab(tabId, (tab) => {
    when = clickTestOnOpen(tab.page);
    if (when !== 'at-end') return false;
    tab.page.clickTestAtEnd = true;
    return true;
  });
  if (when === 'now') await runClickTest(tabId);
}

export function reveal(tabId: number, linkId: string): Promise<unknown> {
  return toAllFrames(tabId, { type: 'reveal', linkId });
}
