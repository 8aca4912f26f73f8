// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { NetRequest } from '../../model/types';
import { mergeObservedResponses } from '../observed';
import { newPage } from '../page';

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
      name: 'adds a response webRequest never reported',
      requests: [],
      observed: [{ url: SETTINGS, status: 200 }],
      expect: [{ url: SETTINGS, method: 'GET', at: 0, status: 200 }],
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
      expect: [{ url: SETTINGS, method: 'GET', at: 0, status: 404 }],
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
