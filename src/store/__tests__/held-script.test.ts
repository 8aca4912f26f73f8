/** applyEvents and held loader scripts: kept per frame, once each (a replay sends them again), capped. */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { newTab } from '../page';
import { applyEvents, type FrameInfo } from '../reducer';

const START = 1_700_000_000_000;
const TOP: FrameInfo = { frame: 'top', timeOrigin: START };
const SUB: FrameInfo = { frame: 'https://widgets.example.com/', timeOrigin: START };
const COOKIEBOT: BridgeEvent = {
  t: 'held-script',
  mechanism: 'cookiebot',
  attrs: ['type="text/plain"', 'data-cookieconsent="marketing"'],
};

describe('applyEvents: held-script', () => {
  it('keeps each held script once per frame, with its frame', () => {
    const tab = newTab('https://shop.example.com/', START);
    expect(applyEvents(tab, TOP, [COOKIEBOT])).toBe(true);
    // The same document replays it after the back/forward cache: nothing changes.
    expect(applyEvents(tab, TOP, [COOKIEBOT])).toBe(false);
    applyEvents(tab, SUB, [COOKIEBOT]);
    applyEvents(tab, TOP, [{ ...COOKIEBOT, src: 'https://app.partnero.com/js/universal.js' }]);
    expect(tab.page.heldScripts?.map((h) => [h.frame, h.mechanism, h.src ?? 'inline'])).toEqual([
      ['top', 'cookiebot', 'inline'],
      [SUB.frame, 'cookiebot', 'inline'],
      ['top', 'cookiebot', 'https://app.partnero.com/js/universal.js'],
    ]);
  });

  it('caps them at 20 per page, counting what it drops', () => {
    const tab = newTab('https://shop.example.com/', START);
    const events = Array.from({ length: 25 }, (_, i): BridgeEvent => ({ ...COOKIEBOT, attrs: [`n="${i}"`] }));
    applyEvents(tab, TOP, events);
    expect(tab.page.heldScripts).toHaveLength(20);
    expect(tab.page.dropped).toBe(5);
  });
});
