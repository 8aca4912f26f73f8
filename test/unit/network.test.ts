/**
 * The end of a page's watch waits for Partnero requests still in flight, so a tracking call
 * sent just before the end gets its status into the verdict — but no longer than needed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabState } from '../../src/model/types';
import { mergeObservedResponses } from '../../src/store/observed';
import { newTab } from '../../src/store/page';

type Listener = (details: Record<string, unknown>) => void;
const listeners = vi.hoisted(() => new Map<string, (details: Record<string, unknown>) => void>());
const tabs = vi.hoisted(() => new Map<number, TabState>());

vi.mock('wxt/browser', () => {
  const event = (name: string) => ({ addListener: (fn: Listener) => listeners.set(name, fn) });
  return {
    browser: {
      webRequest: {
        onBeforeRequest: event('request'),
        onCompleted: event('completed'),
        onErrorOccurred: event('error'),
        onBeforeRedirect: event('redirect'),
      },
      webNavigation: { onCreatedNavigationTarget: event('target'), onBeforeNavigate: event('navigate') },
    },
  };
});
vi.mock('../../entrypoints/background/store', () => ({
  updateTab: async (tabId: number, mutate: (tab: TabState) => unknown) => mutate(tabs.get(tabId) as TabState),
}));

const { requestsSettled, watchNetwork } = await import('../../entrypoints/background/network');
watchNetwork();

const T0 = 1_700_000_000_000;
const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1';
let nextId = 1;

function request(tabId: number, url = UNIVERSAL): string {
  const requestId = String(nextId++);
  listeners.get('request')?.({ tabId, requestId, url, method: 'GET', type: 'script', timeStamp: T0 + 10 });
  return requestId;
}

/** Settles within `ms` of fake time? */
async function settlesWithin(tabId: number, ms: number): Promise<boolean> {
  let done = false;
  void requestsSettled(tabId, 2000).then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(ms);
  return done;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('requestsSettled', () => {
  it('waits while a Partnero request is in flight, and not after webRequest reports its end', async () => {
    tabs.set(1, newTab('https://shop.test/', T0));
    const id = request(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(await settlesWithin(1, 100)).toBe(false);
    listeners.get('completed')?.({ tabId: 1, requestId: id, statusCode: 200, timeStamp: T0 + 40 });
    expect(await settlesWithin(1, 40)).toBe(true);
  });

  it('takes a status reported by the browser driver as the end (Firefox reports none for those)', async () => {
    const tab = newTab('https://shop.test/', T0);
    tabs.set(2, tab);
    request(2);
    await vi.advanceTimersByTimeAsync(0);
    mergeObservedResponses(tab.page, [{ url: UNIVERSAL, status: 200 }]);
    expect(await settlesWithin(2, 40)).toBe(true);
    expect(tab.page.requests[0]?.status).toBe(200);
  });

  it('gives up after its timeout when a request never ends', async () => {
    tabs.set(3, newTab('https://shop.test/', T0));
    request(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(await settlesWithin(3, 1900)).toBe(false);
    expect(await settlesWithin(3, 2100)).toBe(true);
  });

  it("does not wait for another tab's requests", async () => {
    tabs.set(4, newTab('https://shop.test/', T0));
    tabs.set(5, newTab('https://shop.test/', T0));
    request(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(await settlesWithin(5, 0)).toBe(true);
  });
});
