/**
 * What one frame's bridge sends the background: events wait in an outbox (while the page
 * loads, until its load event), go in order until answered (src/bridge/courier.ts), and are
 * logged so a document back from the back/forward cache can tell it all again.
 */
import { readCookie } from '../detect/cookie';
import type { BridgeEvent, ToBackground, ToContent } from '../protocol/messages';
import { Courier } from './courier';
import type { BridgeApi } from './ext';
import { cap, LIMITS } from './limits';
import { type HookBatch, Outbox } from './outbox';

const FLUSH_MS = 50;
/**
 * While the page loads, the bridge only takes notes: validation and messages wait for its
 * load event (at most this long), so they stay out of the page's own load time.
 */
export const LOADING_MS = 2000;

/** The frame's line to the background. */
export interface Reporter {
  /** Queues an event; it goes soon (at load while the page loads). */
  emit(e: BridgeEvent | HookBatch): void;
  /** Sends what is pending now; `restored`: everything this document ever sent, as a replay. */
  flush(restored?: boolean): Promise<unknown>;
  /**
   * The document is going away: what waits goes now, if anything does. The cookie is not read
   * (a synchronous round trip in Chromium, on the way to the next page): the background
   * watches cookie changes itself.
   */
  flushLeaving(): void;
  /** Sends `msg` as is; resolves with the answer, rejects when nobody answered. */
  send(msg: ToBackground): Promise<unknown>;
}

/**
 * Opens the frame's line. `answer` handles the background's messages, listened for from the
 * frame's first report on (the top frame's comes at load): touching the extension APIs costs
 * a frame ~2 ms in Chromium, and a frame that never reports has nothing to collect or click.
 * `href`: the document's address as committed, read at document_start (see `url` in
 * messages.ts); a page script may have tidied the address since.
 */
export function openReporter(
  win: Window,
  api: BridgeApi,
  frame: string,
  answer: (msg: ToContent) => Promise<unknown> | undefined,
  href: string = win.location.href,
): Reporter {
  const doc = win.document;
  const isTop = frame === 'top';
  const timeOrigin = win.performance.timeOrigin;
  /** None when too long to carry whole. */
  const url = isTop && href.length <= LIMITS.string * 4 ? { url: href } : {};
  /** In order; a hook batch is kept as dispatched and validated when flushed. */
  const outbox = new Outbox();
  const sentLog = replayLog();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let listening = false;
  const cookieChange = cookieChanges(win, isTop);

  const send = (msg: ToBackground) => {
    if (!listening) {
      listening = true;
      api.onMessage((m) => answer(m as ToContent));
    }
    return api.sendMessage(msg);
  };
  /** Page events go until answered: the worker may stop while it handles one. */
  const courier = new Courier(send);
  const flush = (restored = false) => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const { events, chars } = outbox.take();
    events.push(...cookieChange());
    sentLog.add(events, chars);
    if (restored)
      return courier.deliver({
        type: 'page-events',
        frame,
        timeOrigin,
        ...url,
        events: sentLog.all(),
        restored,
      });
    if (!events.length) return Promise.resolve();
    return courier.deliver({ type: 'page-events', frame, timeOrigin, ...url, events });
  };
  const delay = flushDelay(doc);
  const emit = (e: BridgeEvent | HookBatch) => {
    // A page can flood the hook channel: the outbox caps what waits, and counts what it refuses.
    outbox.add(e);
    if (flushTimer === undefined) flushTimer = setTimeout(flush, delay());
  };
  const flushLeaving = () => {
    if (!outbox.empty) void flush();
  };
  return { emit, flush, flushLeaving, send };
}

/**
 * How long a note waits before it goes: FLUSH_MS once the page has loaded; while it loads,
 * until the load event, but never longer than LOADING_MS after the first note (a page whose load
 * never comes, or whose scan ran without it, is not held twice as long).
 */
function flushDelay(doc: Document): () => number {
  let notedAt: number | undefined;
  return () => {
    if (doc.readyState === 'complete') return FLUSH_MS;
    notedAt ??= Date.now();
    return Math.max(notedAt + LOADING_MS - Date.now(), FLUSH_MS);
  };
}

/** The top frame's referral cookie when it changed since last told; subframes tell none (the background keeps no other). */
function cookieChanges(win: Window, isTop: boolean): () => BridgeEvent[] {
  let last: string | null | undefined;
  return () => {
    if (!isTop) return [];
    const raw = readCookie(win.document.cookie);
    if (raw === last) return [];
    last = raw;
    return [{ t: 'cookie', raw: raw === null ? null : cap(raw), at: win.performance.now() }];
  };
}

/**
 * Everything a document has sent, replayed if it comes back from the back/forward cache; its
 * rough size (hook batches by their text) is capped, so a page cannot make it hold much.
 */
function replayLog() {
  const log: BridgeEvent[] = [];
  let chars = 0;
  return {
    add(events: BridgeEvent[], size: number) {
      if (log.length >= LIMITS.replay || chars + size > LIMITS.replayChars) return;
      log.push(...events.slice(0, LIMITS.replay - log.length));
      chars += size;
    },
    all: () => [...log],
  };
}
