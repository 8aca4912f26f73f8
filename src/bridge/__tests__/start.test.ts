/**
 * startBridge over a happy-dom page: while the page loads it only takes notes, and at the
 * load event it sends everything, in order, with late links told apart. Capped against
 * pages that flood the hook channel.
 */
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BridgeEvent, ToBackground } from '../../protocol/messages';
import { LIMITS } from '../limits';
import { startBridge } from '../start';
import { fakeHook } from './fake-hook';
import { recordingApi } from './recording-api';

const LIVE = 'https://buy.stripe.com/aEU5lm';
const TEST = 'https://buy.stripe.com/test_3cs9CS5HG6eQ8dW002';

let win: HappyWindow;
let readyState: DocumentReadyState;
let sent: ToBackground[];
let hookEnd: ReturnType<typeof fakeHook>;

/** Types of the listeners the bridge put on `window`, in order. */
let windowListeners: string[];

function start(body = `<a id="early" href="${LIVE}">Buy</a>`): void {
  win = new HappyWindow({ url: 'https://shop.example.com/pricing' });
  readyState = 'loading';
  Object.defineProperty(win.document, 'readyState', { configurable: true, get: () => readyState });
  win.document.body.innerHTML = body;
  sent = [];
  windowListeners = [];
  const listen = win.addEventListener.bind(win);
  win.addEventListener = ((type: string, ...rest: [never]) => {
    windowListeners.push(type);
    return listen(type, ...rest);
  }) as typeof win.addEventListener;
  startBridge(
    win as unknown as Window,
    recordingApi((m) => sent.push(m)),
  );
  hookEnd = fakeHook(win.document as unknown as Document);
}

/** The page has loaded: the document's readyState is complete, and the browser says so. */
function finishLoading(): void {
  readyState = 'complete';
  win.document.dispatchEvent(new win.Event('readystatechange'));
}

/** What the MAIN-world hook sends on its channel: one batch as JSON text. */
const dispatchHook = (detail: string) => hookEnd.send(detail);
const hook = (events: unknown[]) => dispatchHook(JSON.stringify(events));
const events = (): BridgeEvent[] => sent.flatMap((m) => (m.type === 'page-events' ? m.events : []));

beforeEach(() => {
  vi.useFakeTimers();
  start();
});
afterEach(async () => {
  vi.useRealTimers();
  await win.happyDOM.close();
});

describe('startBridge while the page loads', () => {
  it('sends nothing before load, then everything in order, late links marked', async () => {
    hook([{ t: 'loader', name: 'po', at: 5, inHead: true }]);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    // A framework renders another Payment Link after parsing, before load.
    win.document.body.insertAdjacentHTML('beforeend', `<a id="hydrated" href="${TEST}">Try</a>`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);

    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
    // The first message (happy-dom may fire a load event of its own later).
    const got = sent[0]?.type === 'page-events' ? sent[0].events : [];
    expect(got.map((e) => e.t)).toEqual(['loader', 'links', 'loaded', 'cookie']);
    const links = got.find((e) => e.t === 'links');
    expect(links?.t === 'links' && links.links.map((l) => [l.selector, l.addedLate])).toEqual([
      ['#early', false],
      ['#hydrated', true],
    ]);
  });

  it('names the page by its address as committed, not as a script tidied it before the first report', async () => {
    win.history.replaceState(null, '', '/pricing-clean');
    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
    const first = sent[0];
    expect(first?.type === 'page-events' && first.url).toBe('https://shop.example.com/pricing');
  });

  it('does not wait for a load event that never comes', async () => {
    hook([{ t: 'loader', name: 'po', at: 5, inHead: true }]);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    await vi.advanceTimersByTimeAsync(2100);
    expect(events().map((e) => e.t)).toEqual(expect.arrayContaining(['loader', 'links']));
  });

  it('caps what a page floods it with before load', async () => {
    const call = { t: 'call', name: 'po', args: ['settings', 'x', 'y'], at: 1 };
    for (let i = 0; i < 3000; i++) hook([call, call]);
    dispatchHook('x'.repeat(LIMITS.pendingChars));
    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
    const first = sent.find((m) => m.type === 'page-events');
    const got = first?.type === 'page-events' ? first.events : [];
    expect(got.filter((e) => e.t === 'call')).toHaveLength(LIMITS.pending);
    expect(got.at(-1)?.t).toBe('cookie');
  });

  it('tells the links beyond the cap as a dropped count, once', async () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `<a href="${LIVE}?n=${i}">L</a>`).join('');
    win.document.body.innerHTML = links(LIMITS.links + 2);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    finishLoading();
    await vi.advanceTimersByTimeAsync(1000);
    // Re-rendered, the same links keep their ids and are not counted again.
    win.document.body.innerHTML = links(LIMITS.links + 2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events().filter((e) => e.t === 'dropped')).toEqual([{ t: 'dropped', count: 2 }]);
    const tracked = events().flatMap((e) => (e.t === 'links' ? e.links : []));
    expect(new Set(tracked.map((l) => l.id)).size).toBe(LIMITS.links);
  });

  it('hears the page parsed and loaded even when the page stops those events for its own listeners', async () => {
    for (const type of ['DOMContentLoaded', 'readystatechange', 'load'])
      win.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
    win.document.body.insertAdjacentHTML('beforeend', `<a id="hydrated" href="${TEST}">Try</a>`);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
    const got = sent[0]?.type === 'page-events' ? sent[0].events : [];
    expect(got.map((e) => e.t)).toEqual(['links', 'loaded', 'cookie']);
  });

  it('after load, reports go out within 50 ms', async () => {
    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
    sent = [];
    hook([{ t: 'call', name: 'po', args: ['program', 'abc', 'load'], at: 900 }]);
    await vi.advanceTimersByTimeAsync(60);
    expect(events().map((e) => e.t)).toContain('call');
  });
});

/** happy-dom's PageTransitionEvent takes no `persisted`: a plain event that has it. */
function pageshow(persisted: boolean) {
  const e = new win.Event('pageshow');
  Object.defineProperty(e, 'persisted', { value: persisted });
  return e;
}

describe('startBridge back from the back/forward cache', () => {
  it('replays everything it had sent, marked restored, and ends the watch again once it had ended', async () => {
    finishLoading();
    hook([{ t: 'call', name: 'po', args: ['transactions', 'create', { data: { key: 'ch_1' } }], at: 900 }]);
    await vi.advanceTimersByTimeAsync(3100);
    const before = events();
    expect(sent.map((m) => m.type)).toContain('watch-end');
    sent = [];
    win.dispatchEvent(pageshow(true));
    await vi.advanceTimersByTimeAsync(1);
    const [replay, end] = sent;
    expect(replay?.type === 'page-events' && replay.restored).toBe(true);
    expect(replay?.type === 'page-events' && replay.events).toEqual(before);
    expect(end?.type).toBe('watch-end');
  });

  it('a first visit (not from the cache) replays nothing', async () => {
    win.dispatchEvent(pageshow(false));
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.some((m) => m.type === 'page-events' && m.restored)).toBe(false);
  });

  it('keeps a bounded replay: a page sending megabytes cannot make the bridge hold them all', async () => {
    finishLoading();
    const big = (key: string) => [{ t: 'call', name: 'po', args: [key, 'x'.repeat(1_900_000)], at: 1 }];
    hook(big('first'));
    await vi.advanceTimersByTimeAsync(60);
    hook(big('second'));
    await vi.advanceTimersByTimeAsync(60);
    hook(big('third'));
    await vi.advanceTimersByTimeAsync(60);
    sent = [];
    win.dispatchEvent(pageshow(true));
    await vi.advanceTimersByTimeAsync(1);
    const replay = sent[0]?.type === 'page-events' ? sent[0].events : [];
    const keys = replay.flatMap((e) => (e.t === 'call' ? [e.args[0]] : []));
    expect(keys).toEqual(['first', 'second']);
  });
});

describe('startBridge on a page without Partnero or Stripe', () => {
  beforeEach(async () => {
    await win.happyDOM.close();
    start('<main><a href="/blog/post-1">Read</a></main>');
  });
  const load = async () => {
    finishLoading();
    await vi.advanceTimersByTimeAsync(1);
  };

  it('only watches until the page has loaded, then reports it', async () => {
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    // No click, error or pagehide listener, no scan, no message while the page loads.
    for (const type of ['click', 'error', 'pagehide']) expect(windowListeners).not.toContain(type);
    expect(sent).toEqual([]);
    await load();
    expect(windowListeners).toEqual(expect.arrayContaining(['click', 'error', 'pagehide']));
    // The first message (happy-dom fires a load event of its own later).
    const first = sent[0]?.type === 'page-events' ? sent[0].events : [];
    expect(first.map((e) => e.t)).toEqual(['loaded', 'cookie']);
  });

  it('tells a Payment Link added after parsing as added late', async () => {
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    win.document.body.insertAdjacentHTML('beforeend', `<a id="late" href="${LIVE}">Buy</a>`);
    await load();
    const links = events().flatMap((e) => (e.t === 'links' ? e.links : []));
    expect(links.map((l) => [l.selector, l.addedLate])).toEqual([['#late', true]]);
  });

  it('starts at once when the hook reports, before load', async () => {
    hook([{ t: 'page-error', name: 'po', message: 'po is not defined', at: 3 }]);
    expect(windowListeners).toEqual(expect.arrayContaining(['click', 'error']));
    await load();
    expect(events().find((e) => e.t === 'error')).toMatchObject({ message: 'po is not defined' });
  });

  it('starts at DOMContentLoaded when the page has a Payment Link then', async () => {
    win.document.body.insertAdjacentHTML('beforeend', `<a id="buy" href="${LIVE}">Buy</a>`);
    win.document.dispatchEvent(new win.Event('DOMContentLoaded'));
    expect(windowListeners).toContain('click');
    await load();
    const links = events().flatMap((e) => (e.t === 'links' ? e.links : []));
    expect(links.map((l) => [l.selector, l.addedLate])).toEqual([['#buy', false]]);
  });
});
