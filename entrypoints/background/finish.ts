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
    await refreshCookieDetails(tab.page);
    return true;
  });
}

/** When the cookie store saw each recent partnero_partner value land (epoch ms). */
const landed = new Map<string, number>();
const LANDED_KEPT = 20;

/**
 * The cookie store often learns of the cookie before the page's bridge reads it (which it
 * does when it next reports): the page's cookie was there since the earlier of the two.
 */
function noteLanding(page: { startedAt: number; cookie: CookieInfo | null }): boolean {
  const at = page.cookie ? landed.get(page.cookie.raw) : undefined;
  if (!page.cookie || at === undefined || at < page.startedAt) return false;
  const seenAt = Math.round(at - page.startedAt);
  if (page.cookie.seenAt !== undefined && page.cookie.seenAt <= seenAt) return false;
  page.cookie.seenAt = seenAt;
  return true;
}

/** Expiry, domain and path are only visible through the cookies API. */
export async function refreshCookieDetails(page: {
  url: string;
  startedAt: number;
  cookie: CookieInfo | null;
}): Promise<void> {
  noteLanding(page);
  if (!page.cookie || !/^https?:/.test(page.url)) return;
  // A cookie the page has only just written may not be in the store yet: watchCookies fills
  // the details in when it lands, so one look here is enough (and never holds the tab's queue).
  const found = await browser.cookies.getAll({ url: page.url, name: PARTNER_COOKIE }).catch(() => []);
  const c = found.find((x) => x.value === page.cookie?.raw);
  if (!c) return;
  page.cookie.expires = c.expirationDate ?? null;
  page.cookie.domain = c.domain;
  page.cookie.path = c.path;
}

/**
 * The cookie store tells when the referral cookie lands (a page's document.cookie write
 * reaches it a moment later): fill in expiry, domain and path on the pages showing it.
 */
export function watchCookies(): void {
  browser.cookies.onChanged.addListener(({ cookie, removed }) => {
    if (removed || cookie.name !== PARTNER_COOKIE) return;
    landed.delete(cookie.value);
    landed.set(cookie.value, Date.now());
    if (landed.size > LANDED_KEPT) landed.delete(landed.keys().next().value as string);
    for (const tabId of cachedTabIds()) {
      void updateTab(tabId, (tab) => {
        const c = tab.page.cookie;
        if (!c || c.raw !== cookie.value || !hostMatches(tab.page.url, cookie.domain)) return false;
        const earlier = noteLanding(tab.page);
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
