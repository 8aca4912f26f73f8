/**
 * The isolated-world bridge of one frame: relays validated hook events, scans Payment
 * Links / embeds / Partnero scripts / the referral cookie, observes real clicks, runs the
 * click test on request, and (top frame) tells the background when the watch period ends.
 */
import { clientReferenceIdOf, isPaymentLink } from '../detect/stripe';
import type { BridgeEvent, ToContent } from '../protocol/messages';
import { SETTINGS_KEY, settingsFrom } from '../store/settings';
import { watchAddress } from './address';
import { serveAutomation } from './automation';
import { clickWithoutLeaving, installClickGuard } from './click-test';
import { watchErrors } from './errors';
import type { BridgeApi } from './ext';
import { linkHook, type QueryHook } from './hook-link';
import { type LateScripts, lateScripts } from './late-scripts';
import { cap } from './limits';
import { type LinkRegistry, markClicked, SELECTOR } from './links';
import { watchLoader } from './loader-watch';
import { LOADING_MS, openReporter, type Reporter } from './reporter';
import { partneroRequests } from './requests';
import { type Scanner, startScanner } from './scanner';
import { endWatchWhenSettled } from './watch-end';

/**
 * Starts the bridge of `win`'s frame, at document_start. Until the page shows Partnero (a
 * Partnero script inserted, the hook's report, an address move in the top frame) or Stripe (a
 * Payment Link or embed at DOMContentLoaded), or until it has loaded, the bridge only watches:
 * each DOM interface an isolated world first touches costs the frame native set-up time, and
 * on most pages of the web that would all be spent during the page's own load for nothing.
 */
export function startBridge(win: Window, api: BridgeApi): void {
  const doc = win.document;
  const isTop = win === win.top;
  /** The address as committed, before a page script can tidy it (the document's own URL). */
  const committed = isTop ? doc.URL : '';
  let parts: Parts | undefined;
  let noLinksAtDcl = false;
  let loaded = false;
  const late = lateScripts();
  const wake = (): Parts => {
    parts ??= startParts(win, api, { isTop, committed, noLinksAtDcl, late }, queryHook);
    return parts;
  };
  const queryHook = linkHook(doc, (hookBatch) => {
    const { scanner, reporter } = wake();
    scanner.arm();
    reporter.emit({ hookBatch });
  });
  const onAddress = isTop ? watchAddress(win, (e) => wake().reporter.emit(e)) : () => undefined;
  const onLoader = () => {
    wake().scanner.arm();
    onAddress();
  };
  watchLoader(doc, queryHook, onLoader, wake, late.seen);
  onReadiness(win, {
    parsed() {
      if (!parts && doc.querySelector(SELECTOR)) wake();
      if (parts) parts.scanner.parsed();
      else noLinksAtDcl = true;
      // A load event that takes long (a slow image, a hanging request) does not hold the scan.
      setTimeout(() => loaded || parts || wake().scanner.rescan(), LOADING_MS);
    },
    // Scans run in their own task, after the page's load event: they add nothing to the page's
    // own load timings.
    complete(at) {
      if (loaded) return;
      loaded = true;
      late.arm();
      setTimeout(() => wake().onLoad(at), 0);
    },
    // Back from the back/forward cache: the extension has moved on to other pages since, so
    // the document tells it again what it is (no script runs anew to do it otherwise).
    restored: () => parts?.restored(),
  });
  if (isTop)
    serveAutomation(
      doc,
      (sealed) => wake().reporter.send({ type: 'automation', sealed }),
      () => Boolean(win.navigator.webdriver),
    );
}

/**
 * The document's readiness, heard on `window`, capturing, from before any page script: no
 * listener of a page's can run first and stop it. Parsed: DOMContentLoaded. Complete: the
 * document's readystatechange (its time: `performance.now()` would set up one more interface
 * in this world), not `load`, for the same reason and because a capturing `load` listener
 * would also hear every subresource's load. Restored: a `pageshow` from the back/forward cache.
 */
function onReadiness(
  win: Window,
  on: { parsed(): void; complete(at: number): void; restored(): void },
): void {
  const doc = win.document;
  win.addEventListener('DOMContentLoaded', () => on.parsed(), true);
  win.addEventListener(
    'readystatechange',
    (e) => doc.readyState === 'complete' && on.complete(e.timeStamp),
    true,
  );
  win.addEventListener('pageshow', (e) => (e as PageTransitionEvent).persisted && on.restored(), true);
}

/** The bridge at work: everything it sets up once the page showed Partnero or Stripe, or loaded. */
function startParts(
  win: Window,
  api: BridgeApi,
  {
    isTop,
    committed,
    noLinksAtDcl,
    late,
  }: { isTop: boolean; committed: string; noLinksAtDcl: boolean; late: LateScripts },
  queryHook: QueryHook,
): Parts {
  const frame = isTop ? 'top' : cap(win.location.href, 300);
  const reporter = openReporter(win, api, frame, (msg) => answer(win, msg, parts), committed || undefined);
  const { emit, flush } = reporter;
  const scanner = startScanner(win, frame, emit, partneroRequests(win, emit), noLinksAtDcl);
  watchErrors(win, emit);
  installClickGuard(win);
  observeRealClicks(win, scanner.links, emit);
  win.addEventListener('pagehide', reporter.flushLeaving);

  let watchEnded = false;
  const endWatch = () => {
    watchEnded = true;
    return reporter.send({ type: 'watch-end' }).catch(() => undefined);
  };
  const onLoad = async (at: number) => {
    await scanner.rescan();
    if (isTop) emit({ t: 'loaded', at });
    // What waited for the load event goes now, from every frame.
    void flush();
    if (!isTop) return;
    void api.getLocal(SETTINGS_KEY).then((got) =>
      endWatchWhenSettled(win, at, settingsFrom(got).graceMs, {
        changedAt: scanner.changedAt,
        loading: late.loading,
        flush,
        send: reporter.send,
        ended: () => {
          watchEnded = true;
        },
      }),
    );
  };
  // The watch is over again at once if it was over when the visitor left (a watch still
  // running then ends by its own timer, which the cache paused).
  const restored = () => void flush(true).then(() => watchEnded && endWatch());
  const parts: Parts = { reporter, scanner, queryHook, onLoad, restored };
  return parts;
}

/** The bridge at work: what the background's messages and the page's events act on. */
interface Parts {
  reporter: Reporter;
  scanner: Scanner;
  queryHook: QueryHook;
  /** The page's load event (its time): the first scan, then the watch's end. */
  onLoad(at: number): Promise<void>;
  /** The document came back from the back/forward cache. */
  restored(): void;
}

/** Answers a message of the background (undefined: not ours to answer). */
function answer(win: Window, m: ToContent, { reporter, scanner, queryHook }: Parts) {
  const { links } = scanner;
  // The background asks because someone inspects the page: every scan looks everywhere now.
  if (m?.type === 'collect' || m?.type === 'click-test') scanner.arm();
  switch (m?.type) {
    case 'collect':
      return scanner.rescan().then(() => {
        queryHook('');
        // The hook answers in a microtask; let it land before flushing.
        return new Promise((resolve) => setTimeout(() => void reporter.flush().then(() => resolve(true)), 0));
      });
    case 'click-test':
      return scanner.rescan().then(() => {
        for (const { el, rec } of links.paymentLinks()) {
          if (m.linkId && rec.id !== m.linkId) continue;
          if (!el.isConnected) continue;
          const out = clickWithoutLeaving(el, win.document);
          markClicked(links, rec.id, { ...out, clickedBy: 'test' });
          reporter.emit({ t: 'link-click', id: rec.id, by: 'test', at: win.performance.now(), ...out });
        }
        return reporter.flush().then(() => true);
      });
    case 'reveal':
      return Promise.resolve(reveal(links.get(m.linkId)?.el));
    default:
      return undefined;
  }
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
