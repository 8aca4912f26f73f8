/**
 * The top frame's address moves in the page state: only moves of path or query, only from
 * the top frame, whether the loader had run (same clock as its runs), once each, capped.
 */
import { describe, expect, it } from 'vitest';
import type { TabState } from '../../model/types';
import type { BridgeEvent } from '../../protocol/messages';
import { ADDRESS_CHANGES_CAP } from '../address';
import { newTab } from '../page';
import { applyEvents } from '../reducer';

const T0 = 1_700_000_000_000;
const REFERRED = 'https://shop.example.com/?aff=KEY';

function tab(): TabState {
  return newTab(REFERRED, T0);
}

const move = (at: number, to = 'https://shop.example.com/', cookie = false): BridgeEvent => ({
  t: 'history',
  name: 'replaceState',
  from: REFERRED,
  to,
  at,
  cookie,
});
const loader: BridgeEvent = { t: 'loader', name: 'po', at: 10, inHead: true };
const top = { frame: 'top', timeOrigin: T0 };

describe('address moves', () => {
  it('records a move with whether the loader had run by then', () => {
    const t = tab();
    applyEvents(t, top, [move(5), loader, move(20, 'https://shop.example.com/en/', true)]);
    expect(t.page.addressChanges).toEqual([
      {
        method: 'replaceState',
        from: REFERRED,
        to: 'https://shop.example.com/',
        at: 5,
        loader: false,
        cookie: false,
      },
      {
        method: 'replaceState',
        from: REFERRED,
        to: 'https://shop.example.com/en/',
        at: 20,
        loader: true,
        cookie: true,
      },
    ]);
  });

  it('ignores hash-only moves and moves in frames', () => {
    const t = tab();
    expect(applyEvents(t, top, [move(5, `${REFERRED}#plans`)])).toBe(false);
    expect(applyEvents(t, { frame: 'https://widget.example.com/', timeOrigin: T0 }, [move(5)])).toBe(false);
    expect(t.page.addressChanges).toBeUndefined();
  });

  it('a replay (back/forward cache) adds nothing twice; a chatty router is capped', () => {
    const t = tab();
    applyEvents(t, top, [move(5)]);
    applyEvents(t, top, [move(5)]);
    expect(t.page.addressChanges).toHaveLength(1);
    applyEvents(
      t,
      top,
      Array.from({ length: 50 }, (_, i) => move(10 + i, `https://shop.example.com/?page=${i}`)),
    );
    expect(t.page.addressChanges).toHaveLength(ADDRESS_CHANGES_CAP);
  });
});
