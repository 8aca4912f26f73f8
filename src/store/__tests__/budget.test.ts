// @vitest-environment node
/**
 * The byte budgets: measuring (UTF-8 bytes of JSON), what the page data budget counts, and the
 * saved and sent copies of a tab trimmed to their budgets, oldest page data first, with what
 * was trimmed counted as dropped. The quota path runs against a fake `storage.session` that
 * refuses a save the way Chrome does.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, LinkRecord, PoCall, TabState } from '../../model/types';
import type { BridgeEvent } from '../../protocol/messages';
import {
  ANSWER_BYTES,
  fitAnswer,
  fitSaved,
  isQuotaError,
  jsonBytes,
  listBytes,
  recentWithin,
  SAVED_BYTES,
  type SavedTab,
  type SessionArea,
  saveTab,
  TRIMMED,
  trimOldest,
  utf8Length,
} from '../budget';
import { mergeObservedResponses } from '../observed';
import { HISTORY_KEPT, newTab, PAGE_BYTES, PAGE_SHARES, resetPage } from '../page';
import { admit, applyEvents, type FrameInfo } from '../reducer';

const START = 1_700_000_000_000;
const TOP: FrameInfo = { frame: 'top', timeOrigin: START };
/** 2,000 UTF-16 units, up to 4 bytes each in UTF-8: what a hostile page sends. */
const WIDE = 'abc数据库🦄'.repeat(250);
const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

function link(i: number, extra: Partial<LinkRecord> = {}): LinkRecord {
  const href = `https://buy.stripe.com/test_${i}?pad=${'x'.repeat(1950)}`;
  return {
    id: `t${i}`,
    kind: 'payment-link',
    frame: 'top',
    selector: `#l${i}`,
    text: WIDE.slice(0, 120),
    href,
    clientReferenceId: null,
    addedLate: false,
    ...extra,
  };
}

const call = (i: number, args = [WIDE, WIDE]): PoCall => ({
  args: ['track', i, ...args],
  at: i,
  frame: 'top',
});
const finding = (i: number): Finding => ({
  rule: 'po.unknown-command',
  severity: 'info',
  message: `${i} ${WIDE}`,
});

/** A tab far over every budget: the worst page's state, had nothing capped it. */
function hugeTab(): TabState {
  const tab = newTab('https://shop.example/', START);
  tab.page.calls = many(400, (i) => call(i));
  tab.page.links = many(300, (i) => link(i));
  tab.page.errors = many(200, (i) => ({ kind: 'po-undefined', message: WIDE, at: i, frame: 'top' }));
  tab.history.transactionKeys = many(50, (i) => `${i}${WIDE}`);
  tab.findings = many(300, finding);
  return tab;
}

describe('measuring', () => {
  it.each([
    ['ASCII', 'abc', 3],
    ['Latin-1', 'é', 2],
    ['CJK', '数据', 6],
    ['emoji (a surrogate pair)', '🦄', 4],
    ['all of them', WIDE, new TextEncoder().encode(WIDE).length],
  ])('%s: UTF-8 bytes, as TextEncoder counts them', (_name, text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(jsonBytes(text)).toBe(bytes + 2);
  });

  it('a list: each item and its comma', () => {
    expect(listBytes([1, 'ab'])).toBe(jsonBytes([1, 'ab']) - 1);
  });

  it('the most recent items within a byte budget', () => {
    const keys = many(10, (i) => `key-${i}`);
    expect(recentWithin(keys, 3 * jsonBytes('key-0') + 3)).toEqual(['key-7', 'key-8', 'key-9']);
    expect(recentWithin(keys, 1)).toEqual([]);
  });
});

describe('trimOldest', () => {
  it.each([
    { name: 'removes the oldest first', list: { items: [1, 2, 3, 4] }, excess: 3, left: [3, 4], count: 2 },
    {
      name: 'or the newest',
      list: { items: [1, 2, 3, 4], newestFirst: true },
      excess: 3,
      left: [1, 2],
      count: 2,
    },
    {
      name: 'slims in place',
      list: { items: ['aaaa', 'bbbb', 'c'], slim: () => 'c' },
      excess: 3,
      left: ['c', 'bbbb', 'c'],
      count: 1,
    },
    { name: 'nothing over, nothing trimmed', list: { items: [1, 2] }, excess: 0, left: [1, 2], count: 0 },
  ])('$name', ({ list, excess, left, count }) => {
    expect(trimOldest([list], excess)).toEqual([count]);
    expect(list.items).toEqual(left);
  });

  it('goes on to the next list only once the first is empty', () => {
    const a = { items: [1, 2] };
    const b = { items: [3, 4] };
    expect(trimOldest([a, b], 5)).toEqual([2, 1]);
    expect([a.items, b.items]).toEqual([[], [4]]);
  });
});

describe('the page data budget (PAGE_BYTES, a share per kind)', () => {
  it.each<{ name: string; events: BridgeEvent[]; kind: keyof typeof PAGE_SHARES }>([
    {
      name: 'calls (CJK and emoji counted in bytes)',
      events: many(60, (i) => ({ t: 'call', name: 'po', args: [WIDE, WIDE, i], at: i })),
      kind: 'calls',
    },
    {
      name: 'links with 2 KB hrefs',
      events: [{ t: 'links', links: many(300, (i) => link(i)) }],
      kind: 'links',
    },
    {
      name: 'errors',
      events: many(200, (i) => ({
        t: 'error',
        kind: 'po-undefined',
        name: 'po',
        message: WIDE.slice(0, 300),
        at: i,
      })),
      kind: 'errors',
    },
  ])('$name: within their share, the rest counted as dropped', ({ events, kind }) => {
    const tab = newTab('https://shop.example/', START);
    applyEvents(tab, TOP, events);
    expect(listBytes(tab.page[kind] ?? [])).toBeLessThanOrEqual(PAGE_SHARES[kind]);
    expect(listBytes(tab.page[kind] ?? [])).toBeGreaterThan(PAGE_SHARES[kind] / 2);
    expect(tab.page.dropped).toBeGreaterThan(0);
    expect(tab.page.bytes).toBe(listBytes(tab.page[kind] ?? []));
  });

  it('a flood of one kind leaves the others their share', () => {
    const tab = newTab('https://shop.example/', START);
    for (let i = 0; i < 500; i++)
      admit(tab.page, 'requests', tab.page.requests, { url: WIDE, method: 'POST', at: i });
    applyEvents(tab, TOP, [{ t: 'links', links: many(10, (i) => link(i)) }]);
    expect(tab.page.links).toHaveLength(10);
    expect(tab.page.bytes).toBeLessThanOrEqual(PAGE_BYTES);
  });

  it("a link's click outcome is counted, and refused once the links' share is spent", () => {
    const tab = newTab('https://shop.example/', START);
    applyEvents(tab, TOP, [{ t: 'links', links: many(80, (i) => link(i)) }]);
    const click = (id: string): BridgeEvent => ({
      t: 'link-click',
      id,
      afterClick: null,
      hrefAfterClick: link(0).href ?? '',
      by: 'test',
      afterClickNoCookie: null,
      hrefAfterClickNoCookie: link(0).href ?? '',
    });
    applyEvents(
      tab,
      TOP,
      many(80, (i) => click(`t${i}`)),
    );
    expect(listBytes(tab.page.links)).toBeLessThanOrEqual(PAGE_SHARES.links);
    expect(tab.page.links.filter((l) => l.afterClick === null).length).toBeGreaterThan(0);
    expect(tab.page.links.filter((l) => l.afterClick === undefined).length).toBeGreaterThan(0);
  });

  it('response bodies the driver saw are counted with their requests', () => {
    const tab = newTab('https://shop.example/', START);
    tab.page.requests = many(100, (i) => ({ url: `https://api.partnero.com/${i}`, method: 'POST', at: i }));
    mergeObservedResponses(
      tab.page,
      many(100, (i) => ({ url: `https://api.partnero.com/${i}`, status: 200, body: WIDE.repeat(2) })),
    );
    expect(listBytes(tab.page.requests)).toBeLessThanOrEqual(PAGE_SHARES.requests);
    expect(tab.page.dropped).toBeGreaterThan(0);
  });

  it('at most 50 frames report their queue', () => {
    const tab = newTab('https://shop.example/', START);
    for (let i = 0; i < 60; i++)
      applyEvents(tab, { frame: `https://f${i}.example/`, timeOrigin: START }, [
        { t: 'queue', name: 'po', pending: 1, processed: false, at: 1 },
      ]);
    expect(Object.keys(tab.page.queueByFrame ?? {})).toHaveLength(50);
    expect(tab.page.dropped).toBe(10);
  });

  it('a new page counts the requests it carried over; the history keeps its most recent keys within their bytes', () => {
    const tab = newTab('https://shop.example/', START);
    tab.page.requests = [{ url: 'https://api.partnero.com/late', method: 'GET', at: 5000 }];
    tab.history.transactionKeys = many(100, (i) => `${i}${WIDE}`);
    resetPage(tab, 'https://shop.example/next', START + 1000);
    expect(tab.page.bytes).toBe(listBytes(tab.page.requests));
    expect(listBytes(tab.history.transactionKeys)).toBeLessThanOrEqual(HISTORY_KEPT.keyBytes);
    expect(tab.history.transactionKeys.at(-1)).toBe(`99${WIDE}`);
  });
});

describe('the saved copy (fitSaved)', () => {
  it('a tab within SAVED_BYTES is saved as it is', () => {
    const tab = newTab('https://shop.example/', START);
    expect(fitSaved(tab)).toBe(tab);
  });

  it('an oversized tab: findings left out first (stale), then the oldest calls, counted as dropped', () => {
    const tab = hugeTab();
    // Over by what the findings and about 100 calls weigh.
    const budget = jsonBytes({ ...tab, findings: [], stale: true }) - listBytes(tab.page.calls.slice(0, 100));
    const saved = fitSaved(tab, budget);
    expect(jsonBytes(saved)).toBeLessThanOrEqual(budget);
    expect(saved.findings).toEqual([]);
    expect(saved.stale).toBe(true);
    // The newest calls are kept; nothing else was touched.
    expect(saved.page.calls).toEqual(tab.page.calls.slice(-saved.page.calls.length));
    expect(saved.page.calls.length).toBeGreaterThan(250);
    expect(saved.page.links).toEqual(tab.page.links);
    expect(saved.page.dropped).toBe(tab.page.calls.length - saved.page.calls.length);
    // The tab in memory is untouched.
    expect(tab.page.calls).toHaveLength(400);
    expect(tab.findings).toHaveLength(300);
  });

  it("within SAVED_BYTES: the page's floods go before what the tab remembers of earlier pages", () => {
    const tab = hugeTab();
    const saved = fitSaved(tab);
    expect(jsonBytes(saved)).toBeLessThanOrEqual(SAVED_BYTES);
    expect(saved.page.calls).toEqual([]);
    expect(saved.history.transactionKeys).toEqual(tab.history.transactionKeys);
  });

  it('a small budget takes the history too', () => {
    const saved = fitSaved(hugeTab(), 16 * 1024);
    expect(jsonBytes(saved)).toBeLessThanOrEqual(16 * 1024);
    expect([saved.page.calls, saved.page.links, saved.page.errors]).toEqual([[], [], []]);
    expect(saved.history.transactionKeys.length).toBeLessThan(50);
  });
});

describe('the sent copy (fitAnswer)', () => {
  it('within ANSWER_BYTES: sent as it is', () => {
    const tab = newTab('https://shop.example/', START);
    expect(fitAnswer(tab)).toBe(tab);
  });

  it('over it: calls keep their place (findings point at them), findings go last, newest first', () => {
    const tab = { ...hugeTab(), tabId: 7 };
    tab.findings = many(20, finding);
    const budget = jsonBytes(tab) - 200_000;
    const sent = fitAnswer(tab, budget);
    expect(jsonBytes(sent)).toBeLessThanOrEqual(budget);
    expect(sent.page.calls).toHaveLength(400);
    expect(sent.page.calls[0]?.args).toEqual([TRIMMED]);
    expect(sent.findings).toEqual(tab.findings);
    expect(sent.page.dropped).toBeGreaterThan(0);
  });

  it('the pages the tab left give way before its own page', () => {
    const tab = hugeTab();
    const left = [{ page: hugeTab().page, findings: many(5, finding) }];
    const sent = fitAnswer({ ...tab, tabId: 1, left }, ANSWER_BYTES / 8);
    expect(jsonBytes(sent)).toBeLessThanOrEqual(ANSWER_BYTES / 8);
    expect(sent.left?.[0]?.page.links).toEqual([]);
    expect(sent.left?.[0]?.page.dropped).toBeGreaterThan(0);
  });
});

const QUOTA_MESSAGE = 'Session storage quota bytes exceeded. Values were not stored.';

/** `storage.session` as Chrome keeps it: a shared quota, a save over it refused whole. */
function fakeSession(quota: number, initial: Record<string, unknown> = {}) {
  const values: Record<string, unknown> = { ...initial };
  const writes: string[] = [];
  const area: SessionArea = {
    async set(items) {
      const next = { ...values, ...structuredClone(items) };
      writes.push(...Object.keys(items));
      if (jsonBytes(next) > quota) throw new Error(QUOTA_MESSAGE);
      Object.assign(values, next);
    },
  };
  return { area, values, writes };
}

describe('saving (saveTab) against the quota', () => {
  const other = { page: { note: 'another tab' }, filler: 'x'.repeat(SAVED_BYTES * 9) };

  it('with room: the copy within SAVED_BYTES', async () => {
    const { area, values } = fakeSession(10 * 1024 * 1024);
    expect(await saveTab(area, 'tab:1', hugeTab())).toBe(true);
    expect(jsonBytes(values['tab:1'])).toBeLessThanOrEqual(SAVED_BYTES);
  });

  it('a quota other tabs have filled: a copy trimmed harder, the other tab untouched', async () => {
    const { area, values, writes } = fakeSession(SAVED_BYTES * 9 + SAVED_BYTES / 2, { 'tab:2': other });
    expect(await saveTab(area, 'tab:1', hugeTab())).toBe(true);
    const saved = values['tab:1'] as SavedTab;
    expect(jsonBytes(saved)).toBeLessThanOrEqual(SAVED_BYTES / 4);
    expect(saved.page.dropped).toBeGreaterThan(0);
    expect(values['tab:2']).toEqual(other);
    expect(new Set(writes)).toEqual(new Set(['tab:1']));
  });

  it('no room at all: nothing stored, and still nothing of another tab removed', async () => {
    const { area, values } = fakeSession(SAVED_BYTES * 9 + 1000, { 'tab:2': other });
    expect(await saveTab(area, 'tab:1', hugeTab())).toBe(false);
    expect(Object.keys(values)).toEqual(['tab:2']);
  });

  it('another failure is not retried', async () => {
    let calls = 0;
    const area: SessionArea = {
      async set() {
        calls++;
        throw new Error('Extension context invalidated.');
      },
    };
    expect(await saveTab(area, 'tab:1', hugeTab())).toBe(false);
    expect(calls).toBe(1);
  });

  it.each([
    [new Error(QUOTA_MESSAGE), true],
    [
      Object.assign(new Error('storage.session API call exceeded its quota limitations.'), {
        name: 'QuotaExceededError',
      }),
      true,
    ],
    [new Error('Extension context invalidated.'), false],
    [undefined, false],
  ])('%s is a quota error: %s', (err, quota) => {
    expect(isQuotaError(err)).toBe(quota);
  });
});
