/**
 * The page's own pending work, for the check's adaptive watch (src/watch/settle.ts): short
 * `setTimeout`s not yet run (a pricing widget rendered 1 s after load), work deferred
 * without a timer (frame and idle callbacks, delayed tasks, animations that end), messages
 * awaited (a worker's, a socket's) or just posted (a scheduler's slices), `fetch` / XHR
 * requests not yet ended, scripts and frames inserted and not loaded yet. Counted in the
 * page's main world from before its first script, by the check's driver only — the extension
 * never touches a page's timers or `fetch` (README, "What a page can still see"). A page can
 * read or fake these counts; all that buys it is a watch as long as `--wait` or as short as
 * the other conditions allow. What no counter in the page can see (a module loaded with
 * `import()`, an image or a font whose load renders a plan) the driver counts from its own view
 * of the page's requests.
 */
import type { HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import type { PageWork } from '../watch/settle';
import { withDeadline } from './deadline';

/**
 * In the page's main world, before its scripts (serialized by Puppeteer: self-contained):
 * counts its short timers (`setTimeout` up to `horizonMs`) until they run or are cleared, and
 * its short `setInterval`s until they are cleared — a polling loop ("until the pricing data or
 * the consent is there, every 100 ms") may act at any tick, so a page that keeps one gets the
 * whole watch. `window[key]()` reads the count.
 */
export function countTimers(key: string, horizonMs: number): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  const timers = new Set<unknown>();
  const intervals = new Set<unknown>();
  type Schedule = (this: unknown, ...args: unknown[]) => unknown;
  const schedule = w.setTimeout as Schedule;
  const repeat = w.setInterval as Schedule;
  const [clearOnce, clearRepeat] = [w.clearTimeout, w.clearInterval];
  const short = (handler: unknown, delay: unknown) =>
    typeof handler === 'function' && (Number(delay) || 0) <= horizonMs;
  w.setTimeout = function (this: unknown, handler: unknown, delay?: number, ...rest: unknown[]) {
    if (!short(handler, delay)) return schedule.call(this, handler, delay, ...rest);
    const id = schedule.call(
      this,
      function (this: unknown, ...args: unknown[]) {
        timers.delete(id);
        return (handler as (...a: unknown[]) => unknown).apply(this, args);
      },
      delay,
      ...rest,
    );
    timers.add(id);
    return id;
  } as typeof setTimeout;
  w.setInterval = function (this: unknown, handler: unknown, delay?: number, ...rest: unknown[]) {
    const id = repeat.call(this, handler, delay, ...rest);
    if (short(handler, delay)) intervals.add(id);
    return id;
  } as typeof setInterval;
  // Either clear function clears either kind of timer: both forget the id.
  const forget = (clear: (id?: number) => void) =>
    function (this: unknown, id?: number) {
      timers.delete(id);
      intervals.delete(id);
      return clear.call(this, id);
    };
  w.clearTimeout = forget(clearOnce) as typeof clearTimeout;
  w.clearInterval = forget(clearRepeat) as typeof clearInterval;
  Object.defineProperty(w, key, { value: () => timers.size + intervals.size });
}

/**
 * In the page's main world, before its scripts (self-contained, as `countTimers`): counts the
 * work a page defers without a timer, which may render Payment Links or insert the loader when
 * it runs — frame callbacks (`requestAnimationFrame`: an animation library's `delayedCall`, a
 * reveal after N frames), idle callbacks, `scheduler.postTask` tasks due within `horizonMs`, and
 * finite CSS or Web Animations ending within it (an `animationend` / `transitionend` handler).
 * A frame-callback or idle loop that never stops is read like a polling interval: the page gets
 * the whole watch. Infinite animations (a spinner) end nothing. `window[key]()` reads the count.
 */
export function countDeferred(key: string, horizonMs: number): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  const callbacks = new Set<string>();
  let tasks = 0;
  const wrap = (request: string, cancel: string) => {
    const [ask, drop] = [w[request], w[cancel]];
    if (typeof ask !== 'function' || typeof drop !== 'function') return;
    w[request] = function (this: unknown, callback: unknown, ...rest: unknown[]) {
      if (typeof callback !== 'function') return (ask as Fn).call(this, callback, ...rest);
      let id: unknown;
      id = (ask as Fn).call(
        this,
        function (this: unknown, ...args: unknown[]) {
          callbacks.delete(request + id);
          return (callback as Fn).apply(this, args);
        },
        ...rest,
      );
      callbacks.add(request + id);
      return id;
    };
    w[cancel] = function (this: unknown, id: unknown) {
      callbacks.delete(request + id);
      return (drop as Fn).call(this, id);
    };
  };
  wrap('requestAnimationFrame', 'cancelAnimationFrame');
  wrap('requestIdleCallback', 'cancelIdleCallback');
  const scheduler = w.scheduler as { postTask?: Fn } | undefined;
  const post = scheduler?.postTask;
  if (scheduler && typeof post === 'function')
    scheduler.postTask = function (this: unknown, callback: unknown, options?: unknown) {
      const task = post.call(this, callback, options) as Promise<unknown>;
      if ((Number((options as { delay?: unknown } | undefined)?.delay) || 0) <= horizonMs) {
        tasks++;
        const ended = () => {
          tasks--;
        };
        task.then(ended, ended);
      }
      return task;
    };
  const ending = (a: Animation) => {
    const end = Number(a.effect?.getComputedTiming().endTime);
    return a.playState === 'running' && Number.isFinite(end) && end - Number(a.currentTime ?? 0) <= horizonMs;
  };
  const animations = () => (document.getAnimations?.() ?? []).filter(ending).length;
  Object.defineProperty(w, key, { value: () => callbacks.size + tasks + animations() });
}

/**
 * In the page's main world, before its scripts (self-contained, as `countTimers`): counts the
 * messages a page waits for, which may render Payment Links when they come — a dedicated
 * worker, a WebSocket or an EventSource until its first message (or its end: an error, a close,
 * `terminate`), and a worker or a socket the page sent something to until its next message (a
 * request and its answer, as Comlink or Phoenix LiveView make them) — and, for `recentMs` after
 * each, a message posted to a port or a window or
 * received from those sources: a scheduler that works in slices between such messages (React's
 * does) renders what it prepared only at the end. A worker or socket that never speaks, or one
 * that never stops, gets the whole watch. `window[key]()` reads the count.
 */
export function countMessages(key: string, recentMs: number): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  type Owner = Record<string, unknown> | undefined;
  const awaiting = new Set<object>();
  let heardAt = Number.NEGATIVE_INFINITY;
  const heard = () => {
    heardAt = performance.now();
  };
  /** Has `owner[name]()` call `then` with what it was called on, once it has returned. */
  const after = (owner: Owner, name: string, then: (self: object) => void) => {
    const method = owner?.[name];
    if (owner && typeof method === 'function')
      owner[name] = function (this: object, ...args: unknown[]) {
        const result = (method as Fn).apply(this, args);
        then(this);
        return result;
      };
  };
  after(w, 'postMessage', heard);
  after(w.MessagePort?.prototype as unknown as Owner, 'postMessage', heard);
  // Sources the page awaits: counted from their creation until they first speak or end, and
  // from each thing sent to them until they speak again. [name, how it ends, how it is sent to]
  const sources = [
    ['Worker', 'terminate', 'postMessage'],
    ['WebSocket', 'close', 'send'],
    ['EventSource', 'close', ''],
  ];
  for (const [name = '', stop = '', send = ''] of sources) {
    const Source = w[name] as (new (...args: unknown[]) => EventTarget) | undefined;
    if (typeof Source !== 'function') continue;
    const told = (e: Event) => {
      heard();
      awaiting.delete(e.currentTarget as object);
    };
    const proto = Source.prototype as unknown as Record<string, unknown>;
    after(proto, stop, (source) => awaiting.delete(source));
    after(proto, send, (source) => awaiting.add(source));
    // An EventSource's named events ("event: plans") reach only listeners of that name.
    const listen = proto.addEventListener as Fn;
    if (name === 'EventSource' && typeof listen === 'function')
      proto.addEventListener = function (this: EventTarget, type: unknown, ...rest: unknown[]) {
        if (awaiting.has(this) && typeof type === 'string') listen.call(this, type, told);
        return listen.call(this, type, ...rest);
      };
    w[name] = new Proxy(Source, {
      construct(target, args, newTarget) {
        const source = Reflect.construct(target, args, newTarget) as EventTarget;
        awaiting.add(source);
        for (const type of ['message', 'messageerror', 'error', 'close']) source.addEventListener(type, told);
        return source;
      },
    });
  }
  Object.defineProperty(w, key, {
    value: () => awaiting.size + (performance.now() - heardAt < recentMs ? 1 : 0),
  });
}

/**
 * In the page's main world, before its scripts (self-contained, as `countTimers`): counts
 * its `fetch` / XHR requests until they end. `window[key]()` reads the count.
 */
export function countRequests(key: string): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  let requests = 0;
  const ended = () => {
    requests--;
  };
  const fetchOf = w.fetch;
  if (typeof fetchOf === 'function')
    w.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      requests++;
      const answer = fetchOf.apply(this, args);
      answer.then(ended, ended);
      return answer;
    } as typeof fetch;
  const send = w.XMLHttpRequest?.prototype.send;
  if (send)
    w.XMLHttpRequest.prototype.send = function (
      this: XMLHttpRequest,
      ...args: [Document | XMLHttpRequestBodyInit | null | undefined]
    ) {
      requests++;
      this.addEventListener('loadend', ended, { once: true });
      return send.apply(this, args);
    };
  Object.defineProperty(w, key, { value: () => requests });
}

/**
 * In the page's main world, before its scripts (self-contained, as `countTimers`): counts the
 * scripts the page inserts until they load or fail (a tag manager's container, a consent
 * manager, a pricing widget: each may insert the loader or render Payment Links once it
 * arrives) and its frames until they load, and notes when the document last changed (a node
 * added or removed anywhere, an address, source or script type set). `window[key]()` reads both.
 */
export function watchDocument(key: string): void {
  let changedAt = performance.now();
  /** Scripts and frames inserted and not loaded yet. */
  const loading = new Set<Element>();
  const done = (e: Event) => loading.delete(e.target as Element);
  /**
   * Whether a script's type is one the browser runs (a consent manager's text/plain is not):
   * the test of `fetchesCode` (src/bridge/late-scripts.ts), repeated because this function is
   * serialized into the page and can import nothing.
   */
  const runs = (el: HTMLScriptElement) =>
    typeof el.src === 'string' &&
    el.src !== '' &&
    !el.noModule &&
    /^(|module|(text|application)\/(x-)?(java|ecma)script)$/i.test((el.getAttribute('type') ?? '').trim());
  const watch = (el: Element) => {
    const fetches =
      el.localName === 'script'
        ? runs(el as HTMLScriptElement)
        : // A lazy frame loads once scrolled to, which the check never does: nothing to wait for.
          el.localName === 'iframe' &&
          /^(https?|blob):/.test((el as HTMLIFrameElement).src) &&
          !/^lazy$/i.test(el.getAttribute('loading') ?? '');
    if (!fetches || loading.has(el)) return;
    loading.add(el);
    el.addEventListener('load', done, { once: true });
    el.addEventListener('error', done, { once: true });
  };
  new MutationObserver((records) => {
    changedAt = performance.now();
    for (const r of records) {
      // A frame given its address once in the document (a script loads only as inserted).
      if (r.type === 'attributes' && (r.target as Element).localName === 'iframe') watch(r.target as Element);
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType !== 1) continue;
        watch(node as Element);
        for (const el of Array.from((node as Element).querySelectorAll('script[src], iframe[src]')))
          watch(el);
      }
    }
  }).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'src', 'type', 'client-reference-id'],
  });
  // A frame taken out of the document before it loaded never will.
  const pending = () => [...loading].filter((el) => el.localName === 'script' || el.isConnected).length;
  Object.defineProperty(window, key, {
    value: () => ({ loading: pending(), domQuiet: performance.now() - changedAt }),
  });
}

/** The page's own pending work, and ms since its document last changed. */
export interface PageWatchReading {
  work: PageWork;
  domQuiet: number;
}

/** Frames read per look (the top one first): a page of hundreds of frames is not polled whole. */
const FRAMES_READ = 20;

/**
 * A request still counts this long after it ended: what waited for it runs then (a module is
 * evaluated and what imported it goes on, an image's or a font's load handler renders a plan).
 */
const RAN_MS = 150;

/**
 * A request the driver answered itself counts at most this long after its response: Chromium's
 * driver never tells the end of some of those (the stand-in's answer to a cross-origin `fetch`).
 * A response from the network is waited for until its body has arrived, however slow.
 */
const BODY_MS = 500;

/** How long a message posted or received counts as work under way (countMessages). */
const MESSAGE_MS = 100;

/**
 * Requests that may stay open for the page's whole life and say nothing of its rendering:
 * streams (media, Server-Sent Events, a WebSocket's handshake: awaited in the page instead, see
 * countMessages) and speculative or fire-and-forget ones. Chromium's resource types.
 */
const NOT_WAITED = new Set(['media', 'eventsource', 'websocket', 'prefetch', 'ping', 'cspviolationreport']);

/**
 * Whether the watch waits for a request: by its type where the driver gives one (Chromium), by
 * its headers where it gives none (Firefox's BiDi): a stream asks for `text/event-stream`, audio
 * or video, a byte range, or a protocol upgrade.
 */
export function isWaitedFor(req: HTTPRequest): boolean {
  let type: string | undefined;
  try {
    type = req.resourceType();
  } catch {
    type = undefined;
  }
  if (type !== undefined) return !NOT_WAITED.has(type);
  const headers = Object.fromEntries(Object.entries(req.headers()).map(([k, v]) => [k.toLowerCase(), v]));
  return !(
    /text\/event-stream|^\s*(audio|video)\//i.test(headers.accept ?? '') ||
    headers.range !== undefined ||
    headers.upgrade !== undefined
  );
}

/**
 * Requests the page's frames have under way, from the driver's own view of them: what the
 * counters in the page cannot see — modules loaded with `import()` (a code-split app renders
 * its pricing section once its chunk arrives), an image or a font a plan waits for. A request
 * counts until it ended, plus RAN_MS (BODY_MS after its response, when the driver answered it
 * itself); one whose
 * frame is gone, or that has no frame (a worker's: the worker is awaited in the page, see
 * countMessages), does not.
 */
export function countFetching(page: Page, now: () => number = Date.now): () => number {
  // By the protocol's id (both drivers set `id`; Puppeteer's types leave it out): Chromium may
  // announce one request twice (a web font under interception), and the driver then tells the
  // end of only one of the two (puppeteer/puppeteer#11641).
  const idOf = (req: HTTPRequest): unknown => (req as unknown as { id?: unknown }).id ?? req;
  const pending = new Map<unknown, { req: HTTPRequest; until: number }>();
  page.on('request', (req: HTTPRequest) => {
    if (isWaitedFor(req)) pending.set(idOf(req), { req, until: Number.POSITIVE_INFINITY });
  });
  const endBy = (req: HTTPRequest, at: number) => {
    const entry = pending.get(idOf(req));
    if (entry) entry.until = Math.min(entry.until, at);
  };
  const ended = (req: HTTPRequest) => endBy(req, now() + RAN_MS);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  page.on('response', (res: HTTPResponse) => {
    // Chromium gives a response from the network its address, one the driver made none
    // (Firefox gives none at all, and tells every end).
    const from = res.remoteAddress() as { ip?: string } | undefined;
    if (from && !from.ip) endBy(res.request(), now() + BODY_MS);
  });
  return () => {
    const at = now();
    for (const [id, { req, until }] of pending)
      if (until <= at || req.frame()?.detached !== false) pending.delete(id);
    return pending.size;
  };
}

/** One frame's counts, read in the frame (serialized by Puppeteer: self-contained). */
function readCounts(k: string): Record<string, unknown> {
  const w = window as unknown as Record<string, (() => unknown) | undefined>;
  const timers = w[`${k}t`]?.();
  const deferred = w[`${k}c`]?.();
  const messages = w[`${k}m`]?.();
  const all = typeof timers === 'number' && typeof deferred === 'number' && typeof messages === 'number';
  return {
    timers: all ? timers + deferred + messages : timers,
    requests: w[`${k}r`]?.(),
    ...(w[`${k}d`]?.() as object | undefined),
  };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Starts counting in every document `page` opens from now on, in each of its frames (a pricing
 * widget's frame renders its links on a timer of its own); returns how to read the count.
 */
export async function trackPageWork(
  page: Page,
  horizonMs: number,
): Promise<() => Promise<PageWatchReading | undefined>> {
  const key = `__pi_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
  // Sent together: one round trip to the browser, not five.
  await Promise.all([
    page.evaluateOnNewDocument(countTimers, `${key}t`, horizonMs),
    page.evaluateOnNewDocument(countRequests, `${key}r`),
    page.evaluateOnNewDocument(countDeferred, `${key}c`, horizonMs),
    page.evaluateOnNewDocument(countMessages, `${key}m`, MESSAGE_MS),
    page.evaluateOnNewDocument(watchDocument, `${key}d`),
  ]);
  const fetching = countFetching(page);
  return async () => {
    const top = page.mainFrame();
    const frames = [top, ...page.frames().filter((f) => f !== top)].slice(0, FRAMES_READ);
    const read = Promise.all(frames.map((f) => f.evaluate(readCounts, key).catch(() => null)));
    const got = await withDeadline(read, 1_000);
    const [topCounts, ...children] = (got ?? []).map(frameCounts);
    // The top document unread (busy, mid-navigation): busy. A frame without the counter (an
    // empty about:blank one, a frame being replaced) has no work of its own to wait for.
    if (!topCounts) return undefined;
    const counted = [topCounts, ...children.filter((c) => c !== null)];
    const sum = (f: (c: FrameCounts) => number) => counted.reduce((n, c) => n + f(c), 0);
    return {
      work: { timers: sum((c) => c.timers), requests: sum((c) => c.requests + c.loading) + fetching() },
      domQuiet: Math.min(...counted.map((c) => c.domQuiet)),
    };
  };
}

/** What one frame's counter said. */
interface FrameCounts {
  timers: number;
  requests: number;
  loading: number;
  domQuiet: number;
}

/** A frame's reading, checked (the page can reach its counter): null when it is not one. */
function frameCounts(c: Record<string, unknown> | null): FrameCounts | null {
  if (!c || !isCount(c.timers) || !isCount(c.requests) || !isCount(c.loading)) return null;
  if (typeof c.domQuiet !== 'number') return null;
  const domQuiet = Number.isFinite(c.domQuiet) ? Math.max(0, c.domQuiet) : 0;
  return { timers: c.timers, requests: c.requests, loading: c.loading, domQuiet };
}
