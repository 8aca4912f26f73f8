/**
 * The page's own pending work, for the check's adaptive watch (src/watch/settle.ts): short
 * `setTimeout`s not yet run (a pricing widget rendered 1 s after load) and `fetch` / XHR
 * requests not yet ended. Counted in the page's main world from before its first script, by
 * the check's driver only — the extension never touches a page's timers or `fetch` (README,
 * "What a page can still see"). A page can read or fake these counts; all that buys it is a
 * watch as long as `--wait` or as short as the other conditions allow.
 */
import type { Page } from 'puppeteer-core';
import type { PageWork } from '../watch/settle';
import { withDeadline } from './deadline';

/**
 * In the page's main world, before its scripts (serialized by Puppeteer: self-contained):
 * counts its short timers (`setTimeout` up to `horizonMs`) until they run or are cleared.
 * `window[key]()` reads the count.
 */
export function countTimers(key: string, horizonMs: number): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  const timers = new Set<unknown>();
  const schedule = w.setTimeout as (this: unknown, ...args: unknown[]) => unknown;
  const clear = w.clearTimeout;
  w.setTimeout = function (this: unknown, handler: unknown, delay?: number, ...rest: unknown[]) {
    const ms = Number(delay) || 0;
    if (typeof handler !== 'function' || !(ms <= horizonMs))
      return schedule.call(this, handler, delay, ...rest);
    const id = schedule.call(
      this,
      function (this: unknown, ...args: unknown[]) {
        timers.delete(id);
        return (handler as (...a: unknown[]) => unknown).apply(this, args);
      },
      ms,
      ...rest,
    );
    timers.add(id);
    return id;
  } as typeof setTimeout;
  w.clearTimeout = function (this: unknown, id?: number) {
    timers.delete(id);
    return clear.call(this, id);
  } as typeof clearTimeout;
  Object.defineProperty(w, key, { value: () => timers.size });
}

/**
 * In the page's main world, before its scripts (self-contained, as `countTimers`): counts
 * its `fetch` / XHR requests until they end, and notes when the document last changed (a
 * node added or removed anywhere, an address, source or script type set). `window[key]()`
 * reads both.
 */
export function countRequests(key: string): void {
  const w = window as unknown as typeof globalThis & Record<string, unknown>;
  let requests = 0;
  let changedAt = performance.now();
  new MutationObserver(() => {
    changedAt = performance.now();
  }).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'src', 'type', 'client-reference-id'],
  });
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
  Object.defineProperty(w, key, { value: () => ({ requests, domQuiet: performance.now() - changedAt }) });
}

/** The page's own pending work, and ms since its document last changed. */
export interface PageWatchReading {
  work: PageWork;
  domQuiet: number;
}

/** Starts counting in every document `page` opens from now on; returns how to read the count. */
export async function trackPageWork(
  page: Page,
  horizonMs: number,
): Promise<() => Promise<PageWatchReading | undefined>> {
  const key = `__pi_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
  await page.evaluateOnNewDocument(countTimers, `${key}t`, horizonMs);
  await page.evaluateOnNewDocument(countRequests, `${key}r`);
  return async () => {
    const read = page
      .evaluate((k) => {
        const w = window as unknown as Record<string, (() => unknown) | undefined>;
        return { timers: w[`${k}t`]?.(), ...(w[`${k}r`]?.() as object | undefined) };
      }, key)
      .catch(() => null);
    const got = (await withDeadline(read, 1_000)) as (Partial<PageWork> & { domQuiet?: unknown }) | null;
    const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
    if (!got || !count(got.timers) || !count(got.requests) || typeof got.domQuiet !== 'number')
      return undefined;
    const domQuiet = Number.isFinite(got.domQuiet) ? Math.max(0, got.domQuiet) : 0;
    return { work: { timers: got.timers as number, requests: got.requests as number }, domQuiet };
  };
}
