/**
 * Where a page's watch stands, for what the panel says while it waits: a page the extension
 * cannot enter (about:blank, the browser's own pages) is never watched, and a watch that has
 * heard nothing for long says so instead of "still watching" forever.
 */
import type { PageState } from '../model/types';

/** After this long without the end of the watch (ms since the page started), the panel says why it may never come. */
export const STALL_MS = 30_000;

export type WatchState = 'watching' | 'ended' | 'not-watched' | 'stalled';

/** The extension's content scripts run only in http(s) and file pages. */
export function isWatchable(url: string): boolean {
  return /^(https?|file):/i.test(url);
}

/** The state of the watch of `page` at `nowMs` (epoch ms). */
export function watchState(
  page: Pick<PageState, 'url' | 'startedAt' | 'watchEnded'>,
  nowMs: number,
): WatchState {
  if (page.watchEnded) return 'ended';
  if (!isWatchable(page.url)) return 'not-watched';
  return nowMs - page.startedAt > STALL_MS ? 'stalled' : 'watching';
}

/** What a view says in place of findings it does not have yet; null once the watch is over. */
export function waitingText(
  page: Pick<PageState, 'url' | 'startedAt' | 'watchEnded'>,
  nowMs: number,
): string | null {
  switch (watchState(page, nowMs)) {
    case 'ended':
      return null;
    case 'not-watched':
      return page.url
        ? `Nothing to check: the extension looks into web pages (http, https, file), not “${page.url.slice(0, 80)}”.`
        : 'The extension has not seen this tab load a page: reload the page to inspect it.';
    case 'stalled':
      return `No findings yet: the page has not finished loading after ${STALL_MS / 1000} s, or it was open before the extension started, or the browser keeps extensions out of it. Reload the page to inspect it.`;
    case 'watching':
      return 'No findings yet: still watching the page…';
  }
}
