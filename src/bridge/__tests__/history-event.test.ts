/**
 * Address moves from the hook: validated like every hook event (the page can forge them), and
 * stamped by the bridge with whether the referral cookie existed when the hook reported the
 * move — read right then from the isolated world, where page script cannot fake document.cookie.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent, ToBackground } from '../../protocol/messages';
import { HOOK_EVENT } from '../../protocol/page';
import { LIMITS } from '../limits';
import { startBridge } from '../start';
import { parseHookBatch } from '../validate';
import { recordingApi } from './recording-api';

const MOVE = {
  t: 'history',
  name: 'replaceState',
  from: 'https://shop.example.com/?aff=KEY',
  to: 'https://shop.example.com/',
  at: 12.5,
};

describe('parseHookBatch: history', () => {
  it.each<[string, unknown, boolean, BridgeEvent[]]>([
    ['a replaceState move', MOVE, false, [{ ...MOVE, cookie: false } as BridgeEvent]],
    [
      'a pushState move after the cookie',
      { ...MOVE, name: 'pushState' },
      true,
      [{ ...MOVE, name: 'pushState', cookie: true } as BridgeEvent],
    ],
    ['an unknown method', { ...MOVE, name: 'go' }, false, []],
    ['a URL that is not text', { ...MOVE, to: { href: '/' } }, false, []],
    ['no time', { ...MOVE, at: 'soon' }, false, []],
    [
      'a forged cookie flag is not taken from the page',
      { ...MOVE, cookie: true },
      false,
      [{ ...MOVE, cookie: false } as BridgeEvent],
    ],
  ])('%s', (_name, event, cookie, expected) => {
    expect(parseHookBatch(JSON.stringify([event]), cookie)).toEqual(expected);
  });

  it('caps the URLs', () => {
    const long = `https://shop.example.com/?aff=${'x'.repeat(10_000)}`;
    const [e] = parseHookBatch(JSON.stringify([{ ...MOVE, from: long }]));
    expect(e?.t === 'history' && e.from.length).toBe(LIMITS.string + 1);
  });
});

describe('startBridge: the cookie at the moment of the move', () => {
  let win: HappyWindow;
  let sent: ToBackground[];
  beforeEach(() => {
    vi.useFakeTimers();
    win = new HappyWindow({ url: 'https://shop.example.com/?aff=KEY' });
    sent = [];
    startBridge(
      win as unknown as Window,
      recordingApi((m) => sent.push(m)),
    );
  });
  afterEach(async () => {
    vi.useRealTimers();
    await win.happyDOM.close();
  });

  const hook = (events: unknown[]) =>
    win.document.dispatchEvent(
      new win.CustomEvent(HOOK_EVENT, { detail: JSON.stringify(events) } as unknown as { detail: object }),
    );
  const moves = () =>
    sent.flatMap((m) => (m.type === 'page-events' ? m.events : [])).filter((e) => e.t === 'history');

  it('before universal.js set the cookie, then after it (the cookie read when dispatched, not when sent)', async () => {
    hook([MOVE]);
    win.document.cookie = 'partnero_partner=KEY; path=/';
    hook([{ ...MOVE, at: 40, from: 'https://shop.example.com/?aff=KEY&x=1' }]);
    win.document.cookie = 'partnero_partner=; path=/; max-age=0';
    await vi.advanceTimersByTimeAsync(2100);
    expect(moves().map((e) => e.t === 'history' && [e.at, e.cookie])).toEqual([
      [12.5, false],
      [40, true],
    ]);
  });

  it('an empty cookie is no referral cookie', async () => {
    win.document.cookie = 'partnero_partner=; path=/';
    hook([MOVE]);
    await vi.advanceTimersByTimeAsync(2100);
    expect(moves().map((e) => e.t === 'history' && e.cookie)).toEqual([false]);
  });
});
