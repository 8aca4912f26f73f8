/**
 * The referral cookie's details (expiry, domain, path) come from the cookies API, which reads
 * the default store unless told which: a page in an incognito window (or a Firefox container)
 * keeps its cookie in a store of its own. entrypoints/background/finish.ts reads the tab's own
 * store and fills a cookie change in only on the tabs of the store it happened in.
 * The browser's cookie stores and the per-tab store are in-memory fakes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CookieInfo } from '../../src/model/types';

interface FakeCookie {
  storeId: string;
  name: string;
  value: string;
  domain: string;
  path: string;
  expirationDate?: number;
}

type Change = { cookie: FakeCookie; removed: boolean };

const fake = vi.hoisted(() => ({
  /** Cookie stores and the tabs in each (Chromium: "0" normal, "1" incognito). */
  stores: [] as { id: string; tabIds: number[] }[],
  storesFail: false,
  cookies: [] as FakeCookie[],
  listeners: [] as ((change: Change) => Promise<void> | void)[],
  /** The background's cached tabs: id → page. */
  tabs: new Map<number, { url: string; startedAt: number; cookie: CookieInfo | null }>(),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    cookies: {
      getAllCookieStores: async () => {
        if (fake.storesFail) throw new Error('not supported');
        return fake.stores;
      },
      getAll: async ({ name, storeId = '0' }: { name: string; storeId?: string }) =>
        fake.cookies.filter((c) => c.name === name && c.storeId === storeId),
      onChanged: { addListener: (fn: (change: Change) => void) => fake.listeners.push(fn) },
    },
  },
}));

vi.mock('../../entrypoints/background/store', () => ({
  cachedTabIds: () => [...fake.tabs.keys()],
  readTab: async (tabId: number) => ({ page: fake.tabs.get(tabId) }),
  updateTab: async (tabId: number, mutate: (tab: { page: unknown }) => unknown) => {
    const page = fake.tabs.get(tabId);
    return page ? mutate({ page }) : undefined;
  },
}));

const { refreshCookieDetails, watchCookies } = await import('../../entrypoints/background/finish');

const URL_ = 'https://shop.test/?aff=ANNA';
const cookieOf = (raw: string): CookieInfo => ({ raw, value: raw });
const stored = (storeId: string, domain: string, expirationDate: number): FakeCookie => ({
  storeId,
  name: 'partnero_partner',
  value: 'ANNA',
  domain,
  path: '/',
  expirationDate,
});

beforeEach(() => {
  fake.stores = [
    { id: '0', tabIds: [1] },
    { id: '1', tabIds: [2] },
  ];
  fake.storesFail = false;
  fake.cookies = [];
  fake.tabs.clear();
});

describe('refreshCookieDetails', () => {
  it("reads an incognito tab's cookie from the incognito store, not the normal one", async () => {
    fake.cookies = [stored('0', 'normal.shop.test', 1), stored('1', 'shop.test', 2)];
    const page = { url: URL_, startedAt: 0, cookie: cookieOf('ANNA') };
    await refreshCookieDetails(page, 2);
    expect(page.cookie).toMatchObject({ domain: 'shop.test', expires: 2, path: '/' });
  });

  it('reads the default store when the browser cannot tell the stores', async () => {
    fake.storesFail = true;
    fake.cookies = [stored('0', 'shop.test', 1)];
    const page = { url: URL_, startedAt: 0, cookie: cookieOf('ANNA') };
    await refreshCookieDetails(page, 2);
    expect(page.cookie).toMatchObject({ domain: 'shop.test', expires: 1 });
  });
});

describe('watchCookies', () => {
  it('fills a cookie change in on the tabs of its store only', async () => {
    watchCookies();
    const normal = { url: URL_, startedAt: Date.now() - 1000, cookie: cookieOf('ANNA') };
    const incognito = { url: URL_, startedAt: Date.now() - 1000, cookie: cookieOf('ANNA') };
    fake.tabs.set(1, normal);
    fake.tabs.set(2, incognito);
    for (const listener of fake.listeners) {
      await listener({ cookie: stored('1', 'shop.test', 2), removed: false });
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(incognito.cookie).toMatchObject({ domain: 'shop.test', expires: 2 });
    expect(incognito.cookie.seenAt).toBeGreaterThanOrEqual(0);
    expect(normal.cookie.domain).toBeUndefined();
    expect(normal.cookie.seenAt).toBeUndefined();
  });
});
