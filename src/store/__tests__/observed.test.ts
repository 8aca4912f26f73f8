// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { NetRequest } from '../../model/types';
import { endRequest, mergeObservedResponses } from '../observed';
import { newPage, newTab } from '../page';
import { addBrowserRequest, applyEvents } from '../reducer';

const SETTINGS = 'https://assets.partnero.com/program/X/settings/settings.js';
const API = 'https://app.partnero.com/pub/v1/transactions';

function pageWith(...requests: NetRequest[]) {
  const page = newPage('https://shop.test/', 0);
  page.requests = requests;
  return page;
}

describe('mergeObservedResponses', () => {
  it.each([
    {
      name: "fills the status Firefox's webRequest reported as aborted",
      requests: [{ url: SETTINGS, method: 'GET', at: 1, error: 'NS_BINDING_ABORTED' }],
      observed: [{ url: SETTINGS, status: 404 }],
      expect: [{ url: SETTINGS, method: 'GET', at: 1, status: 404 }],
    },
    {
      name: 'adds the body of a tracking call without touching its status',
      requests: [{ url: API, method: 'POST', at: 2, status: 422 }],
      observed: [{ url: API, status: 422, body: '{"message":"invalid"}' }],
      expect: [{ url: API, method: 'POST', at: 2, status: 422, responseBody: '{"message":"invalid"}' }],
    },
    {
      name: 'keeps a real network error when the driver saw no response',
      requests: [
        { url: API, method: 'POST', at: 2, error: 'net::ERR_BLOCKED_BY_CLIENT', blocked: 'client' as const },
      ],
      observed: [],
      expect: [{ url: API, method: 'POST', at: 2, error: 'net::ERR_BLOCKED_BY_CLIENT', blocked: 'client' }],
    },
    {
      name: 'adds a response webRequest never reported, marked as known only from the driver',
      requests: [],
      observed: [{ url: SETTINGS, status: 200 }],
      expect: [{ url: SETTINGS, method: 'GET', at: 0, status: 200, observedOnly: true }],
    },
    {
      name: 'does not add a response seen before the page started (the page the tab left had it)',
      requests: [],
      observed: [{ url: SETTINGS, status: 404, at: -5 }],
      expect: [],
    },
    {
      name: 'adds one seen after the page started',
      requests: [],
      observed: [{ url: SETTINGS, status: 404, at: 5 }],
      expect: [{ url: SETTINGS, method: 'GET', at: 0, status: 404, observedOnly: true }],
    },
    {
      name: 'ignores junk',
      requests: [],
      observed: [{ url: 42 }, null, { url: SETTINGS, status: 'x' }] as never[],
      expect: [],
    },
  ])('$name', ({ requests, observed, expect: want }) => {
    const page = pageWith(...(requests as NetRequest[]));
    mergeObservedResponses(page, observed);
    expect(page.requests).toEqual(want);
  });

  it('caps bodies', () => {
    const page = pageWith({ url: API, method: 'POST', at: 0, status: 200 });
    mergeObservedResponses(page, [{ url: API, status: 200, body: 'x'.repeat(10_000) }]);
    expect(page.requests[0]?.responseBody).toHaveLength(4000);
  });
});

describe('a response the driver saw before the browser reported its request', () => {
  const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1796323';

  it('is one request once webRequest reports it: its type and time, the status the driver saw', () => {
    const page = pageWith();
    mergeObservedResponses(page, [{ url: UNIVERSAL, status: 200, at: 5 }]);
    const kept = addBrowserRequest(page, { url: UNIVERSAL, method: 'GET', type: 'script', at: 12 }, 128);
    expect(page.requests).toEqual([{ url: UNIVERSAL, method: 'GET', type: 'script', at: 12, status: 200 }]);
    // The same object: the network watcher completes the entry it was handed.
    expect(kept).toBe(page.requests[0]);
    // Firefox then ends a driver-answered request as aborted: not a failure.
    if (kept) endRequest(kept, { error: 'NS_BINDING_ABORTED' }, 40);
    expect(page.requests).toEqual([
      { url: UNIVERSAL, method: 'GET', type: 'script', at: 12, status: 200, duration: 40 },
    ]);
  });

  it('is one request once the page’s Resource Timing reports it', () => {
    const tab = newTab('https://shop.test/', 0);
    const { page } = tab;
    mergeObservedResponses(page, [{ url: UNIVERSAL, status: 200, at: 5 }]);
    applyEvents(tab, { frame: 'top', timeOrigin: 0 }, [
      { t: 'request', url: UNIVERSAL, type: 'script', at: 30, duration: 9 },
    ]);
    expect(page.requests).toHaveLength(1);
    expect(page.requests[0]).toMatchObject({ url: UNIVERSAL, type: 'script', status: 200, duration: 9 });
    expect(page.requests[0]?.observedOnly).toBeUndefined();
  });

  it('stays one entry when the browser never reports it, and a second request of the URL is its own', () => {
    const page = pageWith();
    mergeObservedResponses(page, [{ url: UNIVERSAL, status: 200, at: 5 }]);
    addBrowserRequest(page, { url: UNIVERSAL, method: 'GET', type: 'script', at: 12 });
    addBrowserRequest(page, { url: UNIVERSAL, method: 'GET', type: 'script', at: 900 });
    expect(page.requests.map((r) => r.at)).toEqual([12, 900]);
  });
});

describe('endRequest', () => {
  it('keeps a real failure, and an abort of a request no one answered', () => {
    const blocked: NetRequest = { url: API, method: 'POST', at: 2 };
    endRequest(blocked, { error: 'net::ERR_BLOCKED_BY_CLIENT', blocked: 'client' }, 3);
    expect(blocked).toEqual({
      url: API,
      method: 'POST',
      at: 2,
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      blocked: 'client',
      duration: 3,
    });
    const aborted: NetRequest = { url: API, method: 'POST', at: 2 };
    endRequest(aborted, { error: 'NS_BINDING_ABORTED' }, 3);
    expect(aborted.error).toBe('NS_BINDING_ABORTED');
  });
});
