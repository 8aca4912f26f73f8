/**
 * The isolated-world bridge of one frame: relays validated hook events, scans Payment
 * Links / embeds / Partnero scripts / the referral cookie, observes real clicks, runs the
 * click test on request, and (top frame) tells the background when the watch period ends.
 */
import { readCookie } from '../detect/cookie';
import { runsAsJavaScript } from '../detect/held-script';
import { isPartneroUrl } from '../detect/partnero';
import { clientReferenceIdOf, isPaymentLink } from '../detect/stripe';
import type { BridgeEvent, ToBackground, ToContent } from '../protocol/messages';
import { SETTINGS_KEY, settingsFrom } from '../store/settings';
import { watchAddress } from './address';
import { serveAutomation } from './automation';
import { clickWithoutLeaving, installClickGuard } from './click-test';
import { Courier } from './courier';
import { watchErrors } from './errors';
import type { BridgeApi } from './ext';
import { newHeldScan, scanHeldScripts } from './held';
import { linkHook } from './hook-link';
import { cap, LIMITS } from './limits';
import { LinkRegistry, markClicked } from './links';
import { watchLoader } from './loader-watch';
import { type HookBatch, Outbox } from './outbox';
import { oneAtATime } from './slices';

const FLUSH_MS = 50;
const RESCAN_MS = 150;
/**
 * While the page loads, the bridge only takes notes: scans, validation and messages wait for
 * its load event (at most this long), so they stay out of the page's own load time.
 */
const LOADING_MS = 2000;

export function startBridge(win: Window, api: BridgeApi): void {
  const doc = win.document;
  const isTop = win === win.top;
  const frame = isTop ? 'top' : cap(win.location.href, 300);
  const timeOrigin = win.performance.timeOrigin;
  /** In order; a hook batch is kept as dispatched and validated when flushed. */
  const outbox = new Outbox();
  /** Everything this document has sent, replayed if it comes back from the back/forward cache. */
  const sentLog: BridgeEvent[] = [];
  /** Rough size of the log (hook batches by their text): a page cannot make it hold much. */
  let sentChars = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastCookie: string | null | undefined;
  const loading = () => doc.readyState !== 'complete';

  /**
   * The worker's messages are listened for from this frame's first report on (the top frame's
   * comes at load): touching the extension APIs costs a frame ~2 ms, and a frame that never
   * reports has nothing to collect or test-click.
   */
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    api.onMessage(answer);
  };
  const send = (msg: ToBackground) => {
    listen();
    return api.sendMessage(msg);
  };
  const post = (msg: ToBackground) => send(msg).catch(() => undefined);
  /** Page events go until answered: the worker may stop while it handles one. */
  const courier = new Courier(send);
  /** Sends what is pending; `restored`: sends everything this document ever sent, as a replay. */
  const flush = (restored = false) => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const { events, chars } = outbox.take();
    // The page's referral cookie is the top frame's to report (the background keeps no other).
    const raw = isTop ? readCookie(doc.cookie) : null;
    if (isTop && raw !== lastCookie) {
      lastCookie = raw;
      events.push({ t: 'cookie', raw: raw === null ? null : cap(raw), at: win.performance.now() });
    }
    if (sentLog.length < LIMITS.replay && sentChars + chars <= LIMITS.replayChars) {
      sentLog.push(...events.slice(0, LIMITS.replay - sentLog.length));
      sentChars += chars;
    }
    if (restored)
      return courier.deliver({ type: 'page-events', frame, timeOrigin, events: [...sentLog], restored });
    if (!events.length) return Promise.resolve();
    return courier.deliver({ type: 'page-events', frame, timeOrigin, events });
  };
  const emit = (e: BridgeEvent | HookBatch) => {
    // A page can flood the hook channel: the outbox caps what waits, and counts what it refuses.
    outbox.add(e);
    if (flushTimer === undefined) flushTimer = setTimeout(flush, loading() ? LOADING_MS : FLUSH_MS);
  };

  const queryHook = linkHook(doc, (hookBatch) => emit({ hookBatch }));
  // Partnero is noticed by the loader's universal.js insertion, address moves by the Navigation API.
  watchLoader(doc, queryHook, isTop ? watchAddress(win, emit) : () => undefined);
  watchErrors(win, emit);

  let rescanTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the first DOM change since the last scan happened: new links were inserted then. */
  let changedAt: number | undefined;
  const observer = new MutationObserver(() => {
    changedAt ??= win.performance.now();
    // While loading, the scan at load (or the fallback after DOMContentLoaded) sees it all.
    if (rescanTimer !== undefined || (loading() && !initialScanDone)) return;
    rescanTimer = setTimeout(() => {
      rescanTimer = undefined;
      rescan();
    }, RESCAN_MS);
  });
  const observe = (target: Node) =>
    observer.observe(target, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['href', 'client-reference-id'],
    });
  const links = new LinkRegistry(frame, doc, observe);
  const scripts = new Set<string>();
  const held = newHeldScan();
  let initialScanDone = false;
  // One scan at a time, in slices (src/bridge/slices.ts): a page with many links never freezes.
  const rescan = oneAtATime(async () => {
    const late = initialScanDone;
    const at = changedAt ?? win.performance.now();
    changedAt = undefined;
    initialScanDone = true;
    // Looking for shadow roots walks every element: not while the page is still loading.
    const changed = await links.scanSliced(win, late, !loading(), at);
    if (changed.length) emit({ t: 'links', links: changed });
    const dropped = links.takeDropped();
    if (dropped) emit({ t: 'dropped', count: dropped });
    for (const s of Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src*="partnero.com"]'))) {
      // A script a consent manager or optimizer holds (type="text/plain"…) loads nothing yet.
      if (scripts.has(s.src) || !isPartneroUrl(s.src) || !runsAsJavaScript(s.getAttribute('type'))) continue;
      scripts.add(s.src);
      emit({ t: 'script', src: cap(s.src), inHead: !!doc.head?.contains(s) });
    }
    for (const e of scanHeldScripts(doc, held)) emit(e);
  });
  // Scans run in their own task, never inside the page's DOMContentLoaded/load dispatch,
  // so they add nothing to the page's own load timings.
  const soon = (fn: () => void) => setTimeout(fn, 0);
  doc.addEventListener('DOMContentLoaded', () => {
    links.noteInitial(win.performance.now());
    observe(doc);
    // A load event that takes long (a slow image, a hanging request) does not hold the scan.
    setTimeout(() => initialScanDone || rescan(), LOADING_MS);
  });

  installClickGuard(win);
  observeRealClicks(win, links, emit);

  win.addEventListener('load', () => {
    const at = win.performance.now();
    soon(() => onLoad(at));
  });
  let watchEnded = false;
  const endWatch = () => {
    watchEnded = true;
    return post({ type: 'watch-end' });
  };
  const onLoad = async (at: number) => {
    await rescan();
    if (isTop) emit({ t: 'loaded', at });
    // What waited for the load event goes now, from every frame.
    void flush();
    if (!isTop) return;
    void api.getLocal(SETTINGS_KEY).then((got) => {
      const settings = settingsFrom(got);
      setTimeout(() => void flush().then(endWatch), settings.graceMs);
    });
  };
  win.addEventListener('pagehide', () => void flush());
  // Back from the back/forward cache: the extension has moved on to other pages since, so the
  // document tells it again what it is (no script runs anew to do it otherwise).
  // The watch is over again at once if it was over when the visitor left (a watch still
  // running then ends by its own timer, which the cache paused).
  win.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) void flush(true).then(() => watchEnded && endWatch());
  });

  function answer(msg: unknown): Promise<unknown> | undefined {
    const m = msg as ToContent;
    switch (m?.type) {
      case 'collect':
        return rescan().then(() => {
          queryHook('');
          // The hook answers in a microtask; let it land before flushing.
          return new Promise((resolve) => setTimeout(() => void flush().then(() => resolve(true)), 0));
        });
      case 'click-test':
        return rescan().then(() => {
          for (const { el, rec } of links.paymentLinks()) {
            if (m.linkId && rec.id !== m.linkId) continue;
            if (!el.isConnected) continue;
            const out = clickWithoutLeaving(el, doc);
            markClicked(links, rec.id, { ...out, clickedBy: 'test' });
            emit({ t: 'link-click', id: rec.id, by: 'test', at: win.performance.now(), ...out });
          }
          return flush().then(() => true);
        });
      case 'reveal':
        return Promise.resolve(reveal(links.get(m.linkId)?.el));
      default:
        return undefined;
    }
  }

  if (isTop && win.navigator.webdriver)
    serveAutomation(doc, (sealed) => send({ type: 'automation', sealed }));
}

/** Real clicks: href as the click starts (capture) and as it leaves (bubble, after handlers). */
function observeRealClicks(win: Window, links: LinkRegistry, emit: (e: BridgeEvent) => void): void {
  let current: HTMLAnchorElement | null = null;
  win.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted) return; // the click test reports its own clicks
      // The element clicked, even inside a shadow root (`target` is retargeted to its host).
      const a = ((e.composedPath()[0] ?? e.target) as Element | null)?.closest?.('a');
      current = a && isPaymentLink(a.href) ? a : null;
    },
    true,
  );
  const report = () => {
    const a = current;
    current = null;
    const id = a && links.idOf(a);
    if (!a || !id) return;
    const out = { afterClick: clientReferenceIdOf(a.href), hrefAfterClick: cap(a.href) };
    markClicked(links, id, { ...out, clickedBy: 'user' });
    emit({ t: 'link-click', id, by: 'user', at: win.performance.now(), ...out });
  };
  win.addEventListener('click', report);
  // A handler that stops propagation still leaves before the next task.
  win.addEventListener('click', () => setTimeout(report, 0), true);
}

function reveal(el: Element | undefined): boolean {
  if (!el?.isConnected) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const h = el as HTMLElement;
  const before = h.style.outline;
  h.style.outline = '3px solid #f59e0b';
  setTimeout(() => {
    h.style.outline = before;
  }, 2000);
  return true;
}
