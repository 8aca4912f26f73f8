/**
 * EarlyFrames holds frames' reports until the page's top document speaks for it, within caps
 * a page cannot push past, and hands a reset page the ones whose frames started after it.
 */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { EARLY_CAPS, EarlyFrames } from '../early-frames';
import { newTab } from '../page';

const T0 = 1_700_000_000_000;
const FRAME = 'https://widgets.example.com/card.html';
const from = (timeOrigin: number) => ({ frame: FRAME, timeOrigin });
const calls = (n: number, size = 1): BridgeEvent[] =>
  Array.from({ length: n }, (_, i) => ({ t: 'call', name: 'po', args: ['x'.repeat(size), i], at: i }));

/** A tab reset to a page started at T0 + 1000, after `held` got its reports. */
function resetAfter(held: EarlyFrames, tabId = 1) {
  const tab = newTab('https://shop.example.com/', T0 + 1000);
  held.replay(tabId, tab, T0 + 1000);
  return tab;
}

describe('EarlyFrames', () => {
  it.each([
    ['a frame that started after the new page', T0 + 1100, 2, 0],
    ['exactly at its start', T0 + 1000, 2, 0],
    ['a frame of the page before (started before it)', T0 + 900, 0, 0],
  ])('%s: %i calls replayed', (_what, timeOrigin, replayed, dropped) => {
    const held = new EarlyFrames();
    held.keep(1, T0, from(timeOrigin), calls(2));
    const tab = resetAfter(held);
    expect(tab.page.calls).toHaveLength(replayed);
    expect(tab.page.dropped).toBe(dropped);
  });

  it('holds nothing once the top document spoke for the page, until the tab navigates', () => {
    const held = new EarlyFrames();
    held.confirm(1, T0);
    held.keep(1, T0, from(T0 + 1100), calls(1));
    expect(resetAfter(held).page.calls).toHaveLength(0);
    held.confirm(1, T0);
    held.navigating(1);
    held.keep(1, T0, from(T0 + 1100), calls(1));
    expect(resetAfter(held).page.calls).toHaveLength(1);
  });

  it('a page reset again gets the same reports (each page once), until its top document speaks', () => {
    const held = new EarlyFrames();
    held.keep(1, T0, from(T0 + 1100), calls(1));
    expect(resetAfter(held).page.calls).toHaveLength(1);
    expect(resetAfter(held).page.calls).toHaveLength(1);
    held.confirm(1, T0 + 1000);
    expect(resetAfter(held).page.calls).toHaveLength(0);
  });

  it('tabs are apart, and a closed tab is forgotten', () => {
    const held = new EarlyFrames();
    held.keep(1, T0, from(T0 + 1100), calls(1));
    held.keep(2, T0, from(T0 + 1100), calls(3));
    held.forget(1);
    expect(resetAfter(held, 1).page.calls).toHaveLength(0);
    expect(resetAfter(held, 2).page.calls).toHaveLength(3);
  });

  it('past the event cap, what was not held is counted as dropped on the page it belonged to', () => {
    const held = new EarlyFrames();
    const queue: BridgeEvent = { t: 'queue', name: 'po', pending: 0, processed: true, at: 1 };
    held.keep(1, T0, from(T0 + 1100), Array(EARLY_CAPS.events).fill(queue));
    held.keep(1, T0, from(T0 + 1100), calls(3));
    held.keep(1, T0, from(T0 + 900), calls(4));
    const tab = resetAfter(held);
    expect(tab.page.queue).toEqual({ pending: 0, processed: true });
    expect(tab.page.calls).toEqual([]);
    expect(tab.page.dropped).toBe(3);
  });

  it('past the size cap, likewise', () => {
    const held = new EarlyFrames();
    held.keep(1, T0, from(T0 + 1100), calls(1, EARLY_CAPS.chars));
    expect(resetAfter(held).page.dropped).toBe(1);
  });

  it('past the report cap, the rest is counted as dropped on the next page', () => {
    const held = new EarlyFrames();
    for (let i = 0; i < EARLY_CAPS.reports + 2; i++) held.keep(1, T0, from(T0 + 900), calls(1));
    expect(resetAfter(held).page.dropped).toBe(2);
  });
});
