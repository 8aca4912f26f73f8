/** firstDelivery: a message resent after its answer was lost is applied once, per document. */
import { describe, expect, it } from 'vitest';
import { DELIVERED_KEPT, firstDelivery } from '../delivered';
import { newTab } from '../page';

const T0 = 1_700_000_000_000;
const FRAME = 'https://widgets.example.com/card.html';

describe('firstDelivery', () => {
  it.each([
    ['a new number', [1, 2], true],
    ['the same number again', [1, 1], false],
    ['an older number', [2, 1], false],
  ])('%s', (_what, [first, second], expected) => {
    const tab = newTab();
    expect(firstDelivery(tab, 'top', T0, first)).toBe(true);
    expect(firstDelivery(tab, 'top', T0, second)).toBe(expected);
  });

  it('documents are apart: by frame, and by clock (a reload of the same frame)', () => {
    const tab = newTab();
    expect(firstDelivery(tab, 'top', T0, 1)).toBe(true);
    expect(firstDelivery(tab, FRAME, T0, 1)).toBe(true);
    expect(firstDelivery(tab, 'top', T0 + 5000, 1)).toBe(true);
  });

  it('a message without a number (an older bridge) is always new', () => {
    const tab = newTab();
    expect(firstDelivery(tab, 'top', T0)).toBe(true);
    expect(firstDelivery(tab, 'top', T0)).toBe(true);
    expect(tab.delivered).toBeUndefined();
  });

  it('remembers the most recent documents only', () => {
    const tab = newTab();
    for (let i = 0; i <= DELIVERED_KEPT; i++) firstDelivery(tab, FRAME, T0 + i, 1);
    expect(Object.keys(tab.delivered ?? {})).toHaveLength(DELIVERED_KEPT);
    // The first document was forgotten, the last one is known.
    expect(firstDelivery(tab, FRAME, T0 + DELIVERED_KEPT, 1)).toBe(false);
    expect(firstDelivery(tab, FRAME, T0, 1)).toBe(true);
  });
});
