/**
 * Address moves of the top frame, seen from the isolated world: through the Navigation API's
 * `navigate` event where there is one (its kind, cancelled moves left out), else at checkpoints
 * (the kind told by history.length). Each carries whether the referral cookie existed then.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../protocol/messages';
import { watchAddress } from '../address';

let win: HappyWindow;
afterEach(() => win?.happyDOM.close());

const FROM = 'https://shop.example.com/?aff=KEY';

function start(navigation?: EventTarget) {
  win = new HappyWindow({ url: FROM });
  if (navigation) Object.defineProperty(win, 'navigation', { value: navigation });
  const moves: BridgeEvent[] = [];
  const checkpoint = watchAddress(win as unknown as Window, (e) => moves.push(e));
  const shown = () => moves.map((e) => (e.t === 'history' ? [e.name, e.from, e.to, e.cookie] : e.t));
  return { checkpoint, moves, shown };
}

/** What a page's history.pushState/replaceState does where the Navigation API exists. */
function move(nav: EventTarget, navigationType: string, to: string, more: Record<string, unknown> = {}) {
  const e = Object.assign(new Event('navigate', { cancelable: true }), {
    navigationType,
    hashChange: false,
    destination: { url: new URL(to, win.location.href).href, sameDocument: true },
    ...more,
  });
  if (nav.dispatchEvent(e))
    win.history[navigationType === 'push' ? 'pushState' : 'replaceState'](null, '', to);
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('watchAddress with the Navigation API', () => {
  it('names each move by its kind, with the cookie as it was; leaves out what is no such move', async () => {
    const nav = new EventTarget();
    const { shown, moves } = start(nav);
    move(nav, 'replace', '/');
    await settle();
    win.document.cookie = 'partnero_partner=KEY; path=/';
    move(nav, 'push', '/pricing?plan=pro');
    move(nav, 'push', '/pricing?plan=pro#faq', { hashChange: true });
    move(nav, 'push', 'https://shop.example.com/next', {
      destination: { url: 'https://shop.example.com/next', sameDocument: false },
    });
    move(nav, 'reload', '/pricing?plan=pro');
    await settle();
    expect(shown()).toEqual([
      ['replaceState', FROM, 'https://shop.example.com/', false],
      ['pushState', 'https://shop.example.com/', 'https://shop.example.com/pricing?plan=pro', true],
    ]);
    expect(moves.every((e) => e.t === 'history' && typeof e.at === 'number')).toBe(true);
  });

  it('a move the page cancels in its own navigate listener is none', async () => {
    const nav = new EventTarget();
    const { shown } = start(nav);
    nav.addEventListener('navigate', (e) => e.preventDefault());
    move(nav, 'replace', '/');
    await settle();
    expect(shown()).toEqual([]);
  });

  it('keeps at most 20 moves per document', async () => {
    const nav = new EventTarget();
    const { moves } = start(nav);
    for (let i = 0; i < 50; i++) move(nav, 'push', `/?page=${i}`);
    await settle();
    expect(moves).toHaveLength(20);
  });
});

describe('watchAddress without it (Firefox before 147)', () => {
  it('reports a move at the next checkpoint, pushState when history grew', () => {
    const { checkpoint, shown } = start();
    win.history.replaceState(null, '', '/');
    checkpoint();
    win.history.pushState(null, '', '/pricing');
    win.document.cookie = 'partnero_partner=KEY; path=/';
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    checkpoint();
    expect(shown()).toEqual([
      ['replaceState', FROM, 'https://shop.example.com/', false],
      ['pushState', 'https://shop.example.com/', 'https://shop.example.com/pricing', true],
    ]);
  });

  it('notices a move when a resource loads (universal.js, settings.js…)', () => {
    const { shown } = start();
    win.history.replaceState(null, '', '/');
    const img = win.document.createElement('img');
    win.document.body.appendChild(img);
    img.dispatchEvent(new win.Event('load'));
    expect(shown()).toEqual([['replaceState', FROM, 'https://shop.example.com/', false]]);
  });
});
