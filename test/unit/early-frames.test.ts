/**
 * Frames that report before their page's top document does: their reports must land on the
 * page they belong to, however late the top frame's commit is heard (or if it never is), and
 * a page's reset must not wipe them. The background's order of calls (see pageEvents in
 * entrypoints/background/index.ts): a top message first passes onTopBridge, then every report
 * is applied and passed to onReportApplied.
 */
import { describe, expect, it } from 'vitest';
import {
  onReportApplied,
  onTopBeforeNavigate,
  onTopBridge,
  onTopCommitted,
} from '../../entrypoints/background/lifecycle';
import type { LinkRecord, TabState } from '../../src/model/types';
import { newTab } from '../../src/store/page';
import { applyEvents } from '../../src/store/reducer';
import { tabId } from './tabs';

const T0 = 1_700_000_000_000;
const SHOP = 'https://shop.example.com/plans';
const NEXT = 'https://shop.example.com/thanks';
const FRAME = (n: number) => `https://shop.example.com/frames/card.html?n=${n}`;

function link(n: number): LinkRecord {
  return {
    id: `f${n}-1`,
    kind: 'payment-link',
    frame: FRAME(n),
    selector: '#buy',
    text: 'Buy',
    href: 'https://buy.stripe.com/test_x',
    clientReferenceId: null,
    addedLate: false,
  };
}

/** One frame's `page-events` as the background handles them; false when it was dropped. */
function report(id: number, tab: TabState, n: number | 'top', timeOrigin: number, url = SHOP): boolean {
  const top = n === 'top';
  if (top && !onTopBridge(id, tab, url, timeOrigin)) return false;
  const from = { frame: top ? 'top' : FRAME(n), timeOrigin };
  const events = top ? [{ t: 'loaded' as const, at: 10 }] : [{ t: 'links' as const, links: [link(n)] }];
  applyEvents(tab, from, events);
  onReportApplied(id, tab, top, from, events);
  return true;
}
const frames = (tab: TabState) => tab.page.links.map((l) => l.frame);

describe('frames that report before the top document', () => {
  it('a tab whose commit was never heard: the top document keeps its frames', () => {
    const id = tabId();
    const tab = newTab();
    report(id, tab, 1, T0 + 100);
    report(id, tab, 2, T0 + 120);
    report(id, tab, 'top', T0);
    expect(tab.page.url).toBe(SHOP);
    expect(tab.page.startedAt).toBe(T0);
    expect(frames(tab)).toEqual([FRAME(1), FRAME(2)]);
    expect(tab.page.loadedAt).toBe(10);
  });

  it("a commit heard late (a fresh tab's about:blank, after the page's own): the frames stay", () => {
    const id = tabId();
    const tab = newTab();
    onTopBeforeNavigate(id, T0 - 200);
    onTopCommitted(id, tab, SHOP, T0 + 80);
    onTopCommitted(id, tab, 'about:blank', T0 - 300);
    report(id, tab, 1, T0 + 100);
    report(id, tab, 'top', T0);
    expect(tab.page.url).toBe(SHOP);
    expect(frames(tab)).toEqual([FRAME(1)]);
  });

  it("a frame of the next page heard before that page's commit moves to it", () => {
    const id = tabId();
    const tab = newTab();
    onTopCommitted(id, tab, SHOP, T0 + 50);
    report(id, tab, 'top', T0);
    report(id, tab, 1, T0 + 100);
    onTopBeforeNavigate(id, T0 + 5000);
    report(id, tab, 2, T0 + 5200);
    onTopCommitted(id, tab, NEXT, T0 + 5150);
    expect(tab.page.url).toBe(NEXT);
    expect(frames(tab)).toEqual([FRAME(2)]);
    report(id, tab, 'top', T0 + 5100, NEXT);
    expect(frames(tab)).toEqual([FRAME(2)]);
  });

  it('frames of the page the tab left are not carried to the next one', () => {
    const id = tabId();
    const tab = newTab();
    report(id, tab, 1, T0 + 100);
    // The previous document's frame flushes on its way out, before the new top document speaks.
    onTopBeforeNavigate(id, T0 + 3000);
    report(id, tab, 2, T0 + 2000);
    report(id, tab, 'top', T0 + 3100, NEXT);
    expect(tab.page.url).toBe(NEXT);
    expect(frames(tab)).toEqual([]);
  });

  it('once the top document spoke, a reload starts from nothing (no frame replayed twice)', () => {
    const id = tabId();
    const tab = newTab();
    report(id, tab, 1, T0 + 100);
    report(id, tab, 'top', T0);
    report(id, tab, 2, T0 + 200);
    report(id, tab, 'top', T0 + 4000);
    expect(frames(tab)).toEqual([]);
    report(id, tab, 3, T0 + 4100);
    expect(frames(tab)).toEqual([FRAME(3)]);
  });
});
