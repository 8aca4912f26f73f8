import { EventEmitter } from 'node:events';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countDeferred,
  countFetching,
  countMessages,
  countRequests,
  countTimers,
  trackPageWork,
  watchDocument,
} from '../page-work';

// happy-dom loads no script or frame here; told to take that as a load, it logs nothing (the
// events it fires at once, before the counter's observer runs, are not what is tested).
const { happyDOM } = window as unknown as { happyDOM?: { settings: Record<string, unknown> } };
if (happyDOM) happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;

type Reading = { timers: number; requests: number; loading: number; domQuiet: number };
let n = 0;
/** Installs the counter under a key of its own (its property cannot be removed); returns its reader. */
function install(horizonMs = 1000): () => Reading {
  const key = `__pi_test${++n}`;
  countTimers(`${key}t`, horizonMs);
  countRequests(`${key}r`);
  watchDocument(`${key}d`);
  const w = window as unknown as Record<string, () => unknown>;
  return () =>
    ({ timers: w[`${key}t`]?.(), requests: w[`${key}r`]?.(), ...(w[`${key}d`]?.() as object) }) as Reading;
}

/** The next turn, after the counter's MutationObserver ran. */
const settled = () => new Promise((r) => setTimeout(r, 0));

describe("countTimers / countRequests / watchDocument: the page's own pending work, counted in its main world", () => {
  const {
    setTimeout: setT,
    clearTimeout: clearT,
    setInterval: setI,
    clearInterval: clearI,
    fetch: fetchOf,
  } = window;
  afterEach(() => {
    Object.assign(window, {
      setTimeout: setT,
      clearTimeout: clearT,
      setInterval: setI,
      clearInterval: clearI,
      fetch: fetchOf,
    });
    document.body.replaceChildren();
  });

  it('counts short timers until they run or are cleared; long ones are not waited for', async () => {
    const read = install();
    const ran: string[] = [];
    window.setTimeout(() => ran.push('a'), 5);
    const b = window.setTimeout(() => ran.push('b'), 10);
    window.setTimeout(() => ran.push('late'), 5000);
    expect(read().timers).toBe(2);
    window.clearTimeout(b);
    expect(read().timers).toBe(1);
    await new Promise((r) => setT(r, 30));
    expect(ran).toEqual(['a']);
    expect(read().timers).toBe(0);
  });

  it('passes the arguments and `this` through, and returns the id clearTimeout takes', async () => {
    install();
    const got = await new Promise((resolve) =>
      window.setTimeout((...args: unknown[]) => resolve(args), 1, 'x', 2),
    );
    expect(got).toEqual(['x', 2]);
  });

  it('counts fetch requests until they settle, failed ones too', async () => {
    let finish: (v: Response) => void = () => undefined;
    window.fetch = vi.fn(() => new Promise<Response>((r) => (finish = r))) as typeof fetch;
    const read = install();
    const answer = window.fetch('https://example.com/api');
    expect(read().requests).toBe(1);
    finish(new Response('ok'));
    await answer;
    await Promise.resolve();
    expect(read().requests).toBe(0);
    window.fetch = vi.fn(() => Promise.reject(new Error('offline'))) as typeof fetch;
    const again = install();
    await window.fetch('https://example.com/api').catch(() => undefined);
    await Promise.resolve();
    expect(again().requests).toBe(0);
  });

  it('notes when the document last changed', async () => {
    const read = install();
    await new Promise((r) => setT(r, 30));
    expect(read().domQuiet).toBeGreaterThanOrEqual(20);
    document.body.append(document.createElement('a'));
    await Promise.resolve();
    await new Promise((r) => setT(r, 0));
    expect(read().domQuiet).toBeLessThan(20);
  });

  it('counts a short interval (a polling loop) until it is cleared, by either clear function', () => {
    const read = install();
    const poll = window.setInterval(() => undefined, 100);
    window.setInterval(() => undefined, 60_000);
    const other = window.setInterval(() => undefined, 50);
    expect(read().timers).toBe(2);
    window.clearInterval(poll);
    expect(read().timers).toBe(1);
    // Browsers let clearTimeout clear an interval, and clearInterval a timeout.
    window.clearTimeout(other);
    const once = window.setTimeout(() => undefined, 10);
    window.clearInterval(once);
    expect(read().timers).toBe(0);
  });

  it('counts inserted scripts until they load or fail, and frames until they load', async () => {
    const read = install();
    const tagManager = Object.assign(document.createElement('script'), {
      src: 'https://tags.example/gtm.js',
    });
    const held = Object.assign(document.createElement('script'), {
      src: 'https://consent.example/x.js',
      type: 'text/plain',
    });
    const inline = document.createElement('script');
    const wrapper = document.createElement('div');
    const widget = Object.assign(document.createElement('script'), { src: 'https://widget.example/w.js' });
    wrapper.append(widget);
    const frame = Object.assign(document.createElement('iframe'), { src: 'https://pricing.example/' });
    document.body.append(tagManager, held, inline, wrapper, frame);
    await settled();
    // The two scripts that load (one inside an inserted element) and the frame; not the held or inline one.
    expect(read().loading).toBe(3);
    tagManager.dispatchEvent(new Event('load'));
    widget.dispatchEvent(new Event('error'));
    expect(read().loading).toBe(1);
    frame.dispatchEvent(new Event('load'));
    expect(read().loading).toBe(0);
  });

  it('forgets a frame taken out before it loaded, counts one given its address later, not a lazy one', async () => {
    const read = install();
    const gone = Object.assign(document.createElement('iframe'), { src: 'https://a.example/' });
    const later = document.createElement('iframe');
    const lazy = Object.assign(document.createElement('iframe'), { src: 'https://video.example/' });
    lazy.setAttribute('loading', 'lazy');
    document.body.append(gone, later, lazy);
    await settled();
    expect(read().loading).toBe(1);
    gone.remove();
    expect(read().loading).toBe(0);
    later.src = 'https://b.example/';
    await settled();
    expect(read().loading).toBe(1);
  });
});

describe('countDeferred: work a page defers without a timer, counted in its main world', () => {
  type Callback = (...args: unknown[]) => unknown;
  const w = window as unknown as Record<string, unknown>;
  const names = [
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
  ];
  const saved = Object.fromEntries(names.map((k) => [k, w[k]]));
  const savedScheduler = w.scheduler;
  const savedAnimations = Object.getOwnPropertyDescriptor(document, 'getAnimations');
  afterEach(() => {
    Object.assign(w, saved, { scheduler: savedScheduler });
    if (savedAnimations) Object.defineProperty(document, 'getAnimations', savedAnimations);
    else delete (document as unknown as Record<string, unknown>).getAnimations;
  });

  /** A browser's callback queue by hand: `run()` calls (and forgets) every one asked for. */
  function queue(request: string, cancel: string) {
    const asked = new Map<number, Callback>();
    let next = 0;
    w[request] = (cb: Callback) => {
      asked.set(++next, cb);
      return next;
    };
    w[cancel] = (id: number) => asked.delete(id);
    return {
      run(...args: unknown[]) {
        const due = [...asked];
        asked.clear();
        for (const [, cb] of due) cb(...args);
      },
    };
  }
  let n = 0;
  const install = (horizonMs = 1000) => {
    const key = `__pi_deferred${++n}`;
    countDeferred(key, horizonMs);
    return () => (w[key] as () => number)();
  };

  it('counts frame callbacks until they run or are cancelled; a frame loop holds the watch while it runs', () => {
    const frames = queue('requestAnimationFrame', 'cancelAnimationFrame');
    const read = install();
    let ticks = 0;
    const tick = () => {
      if (++ticks < 3) window.requestAnimationFrame(tick);
    };
    window.requestAnimationFrame(tick);
    const once = window.requestAnimationFrame(() => undefined);
    expect(read()).toBe(2);
    window.cancelAnimationFrame(once);
    expect(read()).toBe(1);
    frames.run(16);
    frames.run(32);
    expect(read()).toBe(1); // the loop asked for its next frame
    frames.run(48);
    expect(read()).toBe(0);
    expect(ticks).toBe(3);
  });

  it('counts idle callbacks, passes their deadline through, and keeps ids apart from frame ids', () => {
    const idle = queue('requestIdleCallback', 'cancelIdleCallback');
    const frames = queue('requestAnimationFrame', 'cancelAnimationFrame');
    const read = install();
    const got: unknown[] = [];
    const id = window.requestIdleCallback((deadline) => got.push(deadline));
    const frame = window.requestAnimationFrame(() => undefined);
    expect(id).toBe(frame); // both queues start at 1
    expect(read()).toBe(2);
    idle.run('deadline');
    expect(got).toEqual(['deadline']);
    expect(read()).toBe(1);
    frames.run(16);
    expect(read()).toBe(0);
  });

  it('counts delayed scheduler tasks due within the watch until they settle, aborted ones too', async () => {
    const tasks: { resolve(): void; reject(e: Error): void }[] = [];
    const postTask = vi.fn(
      () =>
        new Promise<void>((resolve, reject) => {
          tasks.push({ resolve, reject });
        }),
    );
    w.scheduler = { postTask };
    const read = install(1000);
    const scheduler = w.scheduler as { postTask(cb: Callback, o?: { delay?: number }): Promise<void> };
    const first = scheduler.postTask(() => undefined, { delay: 800 });
    const aborted = scheduler.postTask(() => undefined);
    void scheduler.postTask(() => undefined, { delay: 60_000 });
    expect(postTask).toHaveBeenCalledTimes(3);
    expect(read()).toBe(2);
    tasks[0]?.resolve();
    tasks[1]?.reject(new Error('AbortError'));
    await first;
    await aborted.catch(() => undefined);
    await Promise.resolve();
    expect(read()).toBe(0);
  });

  it('counts running animations that end within the watch, not infinite, paused or far-off ones', () => {
    const animation = (playState: string, endTime: number, currentTime = 0) => ({
      playState,
      currentTime,
      effect: { getComputedTiming: () => ({ endTime }) },
    });
    const running = [
      animation('running', 800),
      animation('running', 1500, 900),
      animation('running', Number.POSITIVE_INFINITY),
      animation('paused', 800),
      animation('finished', 800, 800),
      animation('running', 60_000),
    ];
    Object.defineProperty(document, 'getAnimations', { configurable: true, value: () => running });
    const read = install(1000);
    expect(read()).toBe(2);
    running.length = 0;
    expect(read()).toBe(0);
  });
});

describe('trackPageWork: the reading of every frame', () => {
  /** A page whose frames answer the counter's read with `counts` (an Error: the frame cannot be read). */
  const pageOf = (...counts: (Record<string, unknown> | Error | undefined)[]) => {
    const frames = counts.map((c) => ({
      evaluate: async () => {
        if (c instanceof Error) throw c;
        return c ?? {};
      },
    }));
    // Puppeteer lists frames in no promised order: the top one is asked for by name.
    return Object.assign(new EventEmitter(), {
      evaluateOnNewDocument: async () => ({ identifier: '1' }),
      mainFrame: () => frames[0],
      frames: () => [...frames].reverse(),
    }) as unknown as Page;
  };
  const idle = { timers: 0, requests: 0, loading: 0, domQuiet: 900 };

  it("adds up the frames' timers, requests and loads; the document quiet is the least quiet frame's", async () => {
    const read = await trackPageWork(
      pageOf(idle, { timers: 1, requests: 0, loading: 1, domQuiet: 40 }, { ...idle, requests: 2 }),
      3000,
    );
    expect(await read()).toEqual({ work: { timers: 1, requests: 3 }, domQuiet: 40 });
  });

  it('adds the scripts under way that only the driver sees (a module imported with import())', async () => {
    const page = pageOf(idle);
    const read = await trackPageWork(page, 3000);
    const chunk = {
      resourceType: () => 'script',
      url: () => 'https://a.example/c.js',
      frame: () => ({ detached: false }),
    };
    page.emit('request', chunk as unknown as HTTPRequest);
    expect(await read()).toEqual({ work: { timers: 0, requests: 1 }, domQuiet: 900 });
  });

  it('a frame without the counter, or one that cannot be read, has no work; the top one unread is busy', async () => {
    const gone = new Error('Execution context was destroyed');
    expect(await (await trackPageWork(pageOf(idle, undefined, gone), 3000))()).toEqual({
      work: { timers: 0, requests: 0 },
      domQuiet: 900,
    });
    expect(await (await trackPageWork(pageOf(gone, idle), 3000))()).toBeUndefined();
  });

  it('a frame whose counts are not counts (a page can reach its counter) is not read as work', async () => {
    const forged = { timers: -5, requests: 0.5, loading: '1', domQuiet: 0 };
    const read = await trackPageWork(
      pageOf(idle, forged, { ...idle, domQuiet: Number.POSITIVE_INFINITY }),
      3000,
    );
    expect(await read()).toEqual({ work: { timers: 0, requests: 0 }, domQuiet: 0 });
  });
});

describe("countFetching: requests under way, from the driver's view of the page's requests", () => {
  /**
   * A request of `type` ('firefox': BiDi gives no type, the headers tell) with `headers`, from a
   * frame attached or not.
   */
  let ids = 0;
  const request = (type: string, url: string, { detached = false, headers = {}, id = `${++ids}` } = {}) =>
    ({
      id,
      resourceType: () => {
        if (type === 'firefox') throw new Error('UnsupportedOperation');
        return type;
      },
      headers: () => headers,
      url: () => url,
      frame: () => ({ detached }),
    }) as unknown as HTTPRequest;
  const setUp = () => {
    const page = new EventEmitter();
    let clock = 1000;
    const count = countFetching(page as unknown as Page, () => clock);
    return { page, count, wait: (ms: number) => (clock += ms) };
  };

  it("counts a module a page imports from the request's start until just after it ended", () => {
    const { page, count, wait } = setUp();
    const chunk = request('script', 'https://shop.example/assets/plans-3f2a.js');
    page.emit('request', chunk);
    expect(count()).toBe(1);
    wait(5000);
    expect(count()).toBe(1);
    page.emit('requestfinished', chunk);
    // Evaluated, then what imported it goes on: still counted a moment longer.
    wait(100);
    expect(count()).toBe(1);
    wait(60);
    expect(count()).toBe(0);
  });

  it('counts images, fonts and fetches a plan may wait for; not streams, prefetches or pings', () => {
    const { page, count } = setUp();
    for (const type of ['image', 'font', 'fetch', 'xhr', 'stylesheet', 'other'])
      page.emit('request', request(type, `https://shop.example/${type}`));
    for (const type of ['media', 'eventsource', 'websocket', 'prefetch', 'ping', 'cspviolationreport'])
      page.emit('request', request(type, `https://shop.example/${type}`));
    expect(count()).toBe(6);
  });

  it('one request announced twice (a web font under interception) ends when either copy does', () => {
    const { page, count, wait } = setUp();
    const url = 'https://shop.example/fonts/brand.woff2';
    const [first, second] = [
      request('font', url, { id: '27444.4' }),
      request('font', url, { id: '27444.4' }),
    ];
    page.emit('request', first);
    page.emit('request', second);
    expect(count()).toBe(1);
    page.emit('requestfinished', second);
    wait(200);
    expect(count()).toBe(0);
  });

  it('a request the driver answered itself (its end never told) counts a while after its response', () => {
    const { page, count, wait } = setUp();
    const call = request('fetch', 'https://app.partnero.com/pub/v1/transactions');
    page.emit('request', call);
    wait(900);
    page.emit('response', { request: () => call, remoteAddress: () => ({}) });
    wait(400);
    expect(count()).toBe(1);
    wait(150);
    expect(count()).toBe(0);
  });

  it('one from the network is waited for until its body has arrived, however slow', () => {
    const { page, count, wait } = setUp();
    const hero = request('image', 'https://cdn.example/hero.jpg');
    const plans = request('fetch', 'https://shop.example/api/plans');
    page.emit('request', hero);
    page.emit('request', plans);
    page.emit('response', { request: () => hero, remoteAddress: () => ({ ip: '203.0.113.7', port: 443 }) });
    // Firefox gives no address at all, and tells every end.
    page.emit('response', { request: () => plans, remoteAddress: () => undefined });
    wait(5000);
    expect(count()).toBe(2);
    page.emit('requestfinished', hero);
    page.emit('requestfinished', plans);
    wait(200);
    expect(count()).toBe(0);
  });

  it('a failed request ends too; one of a frame that went away is not waited for', () => {
    const { page, count, wait } = setUp();
    const failed = request('script', 'https://cdn.example/widget.js');
    page.emit('request', failed);
    page.emit('request', request('script', 'https://cdn.example/old-frame.js', { detached: true }));
    expect(count()).toBe(1);
    page.emit('requestfailed', failed);
    wait(200);
    expect(count()).toBe(0);
  });

  it('where the driver gives no type (Firefox), the headers tell a stream from a request to wait for', () => {
    const { page, count } = setUp();
    const firefox = (headers: Record<string, string>) =>
      request('firefox', 'https://shop.example/x', { headers });
    page.emit('request', firefox({ accept: 'image/avif,image/webp,*/*' }));
    page.emit('request', firefox({ Accept: '*/*' }));
    page.emit('request', firefox({}));
    page.emit('request', firefox({ Accept: 'text/event-stream' }));
    page.emit('request', firefox({ accept: 'video/webm,video/ogg,video/*;q=0.9' }));
    page.emit('request', firefox({ accept: 'audio/*', Range: 'bytes=0-' }));
    page.emit('request', firefox({ Range: 'bytes=0-' }));
    page.emit('request', firefox({ Upgrade: 'websocket' }));
    expect(count()).toBe(3);
  });
});

describe('countMessages: messages a page awaits or has just posted, counted in its main world', () => {
  const w = window as unknown as Record<string, unknown>;
  const names = ['Worker', 'WebSocket', 'EventSource', 'MessagePort', 'postMessage'];
  const saved = Object.fromEntries(names.map((k) => [k, w[k]]));
  afterEach(() => {
    Object.assign(w, saved);
    vi.useRealTimers();
  });
  /** A channel's port as the browser makes it (happy-dom has none). */
  class Port {
    posted: unknown[] = [];
    postMessage(message: unknown) {
      this.posted.push(message);
    }
  }

  /** A source the browser would make: an event target, with `stop` ending it. */
  const sourceClass = (stop: string) => {
    class Source extends EventTarget {
      stopped = false;
      constructor(readonly url: string) {
        super();
      }
    }
    const proto = Source.prototype as unknown as Record<string, unknown>;
    proto[stop] = function (this: { stopped: boolean }) {
      this.stopped = true;
    };
    proto.postMessage = () => undefined;
    proto.send = () => undefined;
    return Source;
  };
  let n = 0;
  const install = () => {
    for (const [name, stop] of [
      ['Worker', 'terminate'],
      ['WebSocket', 'close'],
      ['EventSource', 'close'],
    ] as const)
      w[name] = sourceClass(stop);
    w.MessagePort = Port;
    const key = `__pi_messages${++n}`;
    countMessages(key, 100);
    return () => (w[key] as () => number)();
  };
  type Source = EventTarget & { stopped: boolean; url: string } & Record<string, () => void>;
  const make = (name: string, url: string) => new (w[name] as new (u: string) => Source)(url);

  it('counts a worker, a socket and an event source until each first speaks, then a moment after', () => {
    vi.useFakeTimers();
    const read = install();
    const worker = make('Worker', '/plans-worker.js');
    const socket = make('WebSocket', 'wss://shop.example/live');
    const stream = make('EventSource', '/events');
    expect(read()).toBe(3);
    // Made as the browser makes them: the page's own class, its own prototype.
    expect(worker.url).toBe('/plans-worker.js');
    expect(worker).toBeInstanceOf(w.Worker as typeof EventTarget);
    worker.dispatchEvent(new Event('message'));
    socket.dispatchEvent(new Event('message'));
    expect(read()).toBe(2);
    vi.advanceTimersByTime(150);
    expect(read()).toBe(1);
    stream.dispatchEvent(new Event('message'));
    vi.advanceTimersByTime(150);
    expect(read()).toBe(0);
  });

  it('a worker or a socket sent something is awaited again until its next message', () => {
    vi.useFakeTimers();
    const read = install();
    const worker = make('Worker', '/comlink-worker.js');
    const socket = make('WebSocket', 'wss://shop.example/live');
    worker.dispatchEvent(new Event('message'));
    socket.dispatchEvent(new Event('message'));
    vi.advanceTimersByTime(150);
    expect(read()).toBe(0);
    worker.postMessage?.();
    socket.send?.();
    expect(read()).toBe(2);
    worker.dispatchEvent(new Event('message'));
    vi.advanceTimersByTime(150);
    expect(read()).toBe(1);
    socket.close?.();
    expect(read()).toBe(0);
  });

  it('a source that ends (an error, a close, terminate) is not awaited any more', () => {
    vi.useFakeTimers();
    const read = install();
    const worker = make('Worker', '/w.js');
    const socket = make('WebSocket', 'wss://x');
    const stream = make('EventSource', '/events');
    const broken = make('WebSocket', 'wss://y');
    worker.terminate?.();
    stream.close?.();
    socket.dispatchEvent(new Event('close'));
    broken.dispatchEvent(new Event('error'));
    vi.advanceTimersByTime(150);
    expect(read()).toBe(0);
    expect([worker.stopped, stream.stopped]).toEqual([true, true]);
  });

  it("an event source's named event is its first message too", () => {
    vi.useFakeTimers();
    const read = install();
    const stream = make('EventSource', '/events');
    const got: string[] = [];
    stream.addEventListener('plans', () => got.push('plans'));
    expect(read()).toBe(1);
    stream.dispatchEvent(new Event('plans'));
    vi.advanceTimersByTime(150);
    expect([read(), got]).toEqual([0, ['plans']]);
  });

  it("a message posted to a port or a window counts a moment: a scheduler's slices", () => {
    vi.useFakeTimers();
    const read = install();
    const port = new Port();
    port.postMessage(null);
    expect([read(), port.posted]).toEqual([1, [null]]);
    vi.advanceTimersByTime(150);
    expect(read()).toBe(0);
    window.postMessage('tick', '*');
    expect(read()).toBe(1);
    vi.advanceTimersByTime(150);
    expect(read()).toBe(0);
  });
});
