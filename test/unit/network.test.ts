/**
 * The background's network watcher (entrypoints/background/network.ts), driven through its
 * real webRequest / webNavigation listeners: Partnero requests are recorded with their
 * status, failure and duration; a request an ad blocker stopped is tagged `blocked: 'client'`
 * and the rules then say so; navigations to Stripe checkout are recorded once. The end of a
 * page's watch waits for Partnero requests still in flight, so a tracking call sent just
 * before the end gets its status into the verdict — but no longer than needed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TabState } from '../../src/model/types';
import { runRules } from '../../src/rules';
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
      webNavigation: {
        onCreatedNavigationTarget: event('target'),
        onBeforeNavigate: event('navigate'),
        onCommitted: event('committed'),
      },
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

function request(tabId: number, url = UNIVERSAL, extra: Record<string, unknown> = {}): string {
  const requestId = String(nextId++);
  listeners.get('request')?.({
    tabId,
    requestId,
    url,
    method: 'GET',
    type: 'script',
    timeStamp: T0 + 10,
    ...extra,
  });
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

const API = 'https://api.partnero.com/v1/transactions';

/** A page that runs the Partnero loader (so the rules have evidence to report on). */
function partneroTab(tabId: number): TabState {
  const tab = newTab('https://shop.test/', T0);
  tab.page.queueName = 'po';
  tab.page.loaderRuns.push({ at: 5, frame: 'top', queueName: 'po', inHead: true });
  tabs.set(tabId, tab);
  return tab;
}

/** Fires webRequest's onErrorOccurred for a request, 2 ms after it started. */
function fail(tabId: number, requestId: string, error: string): void {
  listeners.get('error')?.({ tabId, requestId, error, timeStamp: T0 + 12 });
}

describe('Partnero requests', () => {
  it('are recorded with their body, then their status and duration', async () => {
    const tab = partneroTab(11);
    const body = new TextEncoder().encode('{"data":{"key":"ch_1"}}').buffer;
    const id = request(11, API, {
      method: 'POST',
      type: 'xmlhttprequest',
      timeStamp: T0 + 50,
      requestBody: { raw: [{ bytes: body }] },
    });
    listeners.get('completed')?.({ tabId: 11, requestId: id, statusCode: 201, timeStamp: T0 + 80 });
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.page.requests).toStrictEqual([
      {
        url: API,
        method: 'POST',
        type: 'xmlhttprequest',
        at: 50,
        requestBody: '{"data":{"key":"ch_1"}}',
        status: 201,
        duration: 30,
      },
    ]);
  });

  it('beyond 500 on one page are counted as dropped, not kept', async () => {
    const tab = partneroTab(12);
    for (let i = 0; i < 501; i++) request(12, `${API}?n=${i}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.page.requests.length).toBe(500);
    expect(tab.page.requests.at(-1)?.url).toBe(`${API}?n=499`);
    expect(tab.page.dropped).toBe(1);
  });
});

describe('a request stopped by an ad blocker', () => {
  it.each([
    { error: 'net::ERR_BLOCKED_BY_CLIENT', blocked: { blocked: 'client' } },
    { error: 'net::ERR_CONNECTION_REFUSED', blocked: {} },
    { error: 'net::ERR_ABORTED', blocked: {} },
    { error: 'net::ERR_BLOCKED_BY_CSP', blocked: {} },
  ])('$error is recorded as $blocked', async ({ error, blocked }) => {
    const tab = partneroTab(13);
    fail(13, request(13), error);
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.page.requests).toStrictEqual([
      { url: UNIVERSAL, method: 'GET', type: 'script', at: 10, error, ...blocked, duration: 2 },
    ]);
  });

  it('makes universal.js a failed script, blocked by an ad blocker', async () => {
    const tab = partneroTab(14);
    fail(14, request(14), 'net::ERR_BLOCKED_BY_CLIENT');
    await vi.advanceTimersByTimeAsync(0);
    const findings = runRules(tab);
    expect(findings.map((f) => [f.rule, f.severity, f.causedBy])).toEqual([
      ['snippet.script-failed', 'error', undefined],
      ['cookie.absent', 'info', undefined],
      ['network.request-failed', 'error', 'snippet.script-failed'],
    ]);
    expect(findings[0]?.message).toBe(
      'universal.js failed to load: blocked by an ad/tracker blocker (https://app.partnero.com/js/universal.js?v1).',
    );
    expect(findings[0]?.fix).toContain('Retest with blockers off');
    expect(findings[2]?.message).toBe(
      'GET https://app.partnero.com/js/universal.js?v1 failed: blocked by an ad/tracker blocker.',
    );
  });

  it('makes a blocked tracking call a failed request, blocked by an ad blocker', async () => {
    const tab = partneroTab(15);
    fail(15, request(15, API, { method: 'POST', type: 'xmlhttprequest' }), 'net::ERR_BLOCKED_BY_CLIENT');
    await vi.advanceTimersByTimeAsync(0);
    const failed = runRules(tab).filter((f) => f.rule === 'network.request-failed');
    expect(failed).toStrictEqual([
      {
        rule: 'network.request-failed',
        severity: 'error',
        message: 'POST https://api.partnero.com/v1/transactions failed: blocked by an ad/tracker blocker.',
        fix: 'Read the reason above: fix the sent fields (422), the program id (404) or what blocks the request.',
        target: { href: API },
      },
    ]);
  });
});

describe('navigations to Stripe checkout', () => {
  const LINK = 'https://buy.stripe.com/test_abc';

  it('are recorded once each, a server redirect marked as such, a new tab on its opener', async () => {
    const tab = partneroTab(16);
    listeners.get('navigate')?.({ tabId: 16, url: LINK, timeStamp: T0 + 900 });
    listeners.get('navigate')?.({ tabId: 16, url: LINK, timeStamp: T0 + 950 });
    listeners.get('redirect')?.({
      tabId: 16,
      redirectUrl: 'https://checkout.stripe.com/c/pay/cs_test_1',
      timeStamp: T0 + 1000,
    });
    listeners.get('redirect')?.({ tabId: 16, redirectUrl: 'https://shop.test/thanks', timeStamp: T0 + 1100 });
    listeners.get('target')?.({ sourceTabId: 16, tabId: 99, url: `${LINK}?x=1`, timeStamp: T0 + 1200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.page.navigations).toStrictEqual([
      { url: LINK, at: 900 },
      { url: 'https://checkout.stripe.com/c/pay/cs_test_1', at: 1000, serverRedirect: true },
      { url: `${LINK}?x=1`, at: 1200 },
    ]);
  });

  it('a server redirect into checkout heard only at its commit (no webRequest) counts; heard twice, once', async () => {
    const tab = partneroTab(17);
    const session = 'https://checkout.stripe.com/c/pay/cs_test_2';
    const committed = (url: string, qualifiers: string[], at: number) =>
      listeners.get('committed')?.({
        tabId: 17,
        frameId: 0,
        url,
        transitionQualifiers: qualifiers,
        timeStamp: at,
      });
    committed(session, ['server_redirect'], T0 + 1000);
    listeners.get('redirect')?.({ tabId: 17, redirectUrl: session, timeStamp: T0 + 990 });
    // A checkout page the visitor opened directly is onBeforeNavigate's, not the commit's.
    committed('https://checkout.stripe.com/c/pay/cs_test_3', [], T0 + 2000);
    await vi.advanceTimersByTimeAsync(0);
    expect(tab.page.navigations).toStrictEqual([{ url: session, at: 1000, serverRedirect: true }]);
  });
});
