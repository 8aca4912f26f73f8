/**
 * The store's link cap keeps the links on the page: once PAGE_CAPS.links records are kept, a
 * new link takes the place of one reported removed, and only what has no such place to take
 * is counted as dropped.
 */
import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../../model/types';
import type { BridgeEvent } from '../../protocol/messages';
import { newTab, PAGE_CAPS } from '../page';
import { applyEvents, type FrameInfo } from '../reducer';

const START = 1_700_000_000_000;
const TOP: FrameInfo = { frame: 'top', timeOrigin: START };

function link(i: number, extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: `t${i}`,
    kind: 'payment-link',
    frame: 'top',
    selector: `#buy-${i}`,
    text: 'Buy',
    href: `https://buy.stripe.com/test_${i}`,
    clientReferenceId: null,
    addedLate: true,
    ...extra,
  };
}

const links = (from: number, n: number, extra: Partial<LinkRecord> = {}): BridgeEvent => ({
  t: 'links',
  links: Array.from({ length: n }, (_, k) => link(from + k, extra)),
});

describe('the link cap keeps current links', () => {
  it.each<{ name: string; removed: number; added: number; dropped: number }>([
    { name: 'as many new links as removed ones', removed: 10, added: 10, dropped: 0 },
    { name: 'fewer new links than removed ones', removed: 10, added: 4, dropped: 0 },
    { name: 'more new links than removed ones: the rest dropped', removed: 3, added: 5, dropped: 2 },
    { name: 'nothing removed: every new link dropped', removed: 0, added: 5, dropped: 5 },
  ])('$name', ({ removed, added, dropped }) => {
    const tab = newTab('https://shop.example.com/', START);
    applyEvents(tab, TOP, [links(0, PAGE_CAPS.links)]);
    applyEvents(tab, TOP, [links(0, removed, { removed: true })]);
    applyEvents(tab, TOP, [links(PAGE_CAPS.links, added)]);
    const ids = new Set(tab.page.links.map((l) => l.id));
    const kept = Array.from({ length: added - dropped }, (_, k) => `t${PAGE_CAPS.links + k}`);
    expect(tab.page.links).toHaveLength(PAGE_CAPS.links);
    for (const id of kept) expect(ids.has(id)).toBe(true);
    expect(tab.page.links.filter((l) => l.removed)).toHaveLength(removed - (added - dropped));
    expect(tab.page.dropped).toBe(dropped);
  });

  it('a removal reported for a link the store never kept takes no current link’s place', () => {
    const tab = newTab('https://shop.example.com/', START);
    applyEvents(tab, TOP, [links(0, PAGE_CAPS.links)]);
    applyEvents(tab, TOP, [links(0, 1, { removed: true }), links(PAGE_CAPS.links, 1, { removed: true })]);
    expect(tab.page.links.map((l) => l.id)).not.toContain(`t${PAGE_CAPS.links}`);
    expect(tab.page.links[0]?.removed).toBe(true);
  });
});
