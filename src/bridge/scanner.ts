/**
 * The frame's scans: Payment Links and embeds (src/bridge/links.ts), Partnero scripts and
 * held loaders, at load and again after DOM changes. One scan at a time, in slices
 * (src/bridge/slices.ts): a page with many links never freezes.
 */
import { runsAsJavaScript } from '../detect/held-script';
import { isPartneroUrl } from '../detect/partnero';
import type { BridgeEvent } from '../protocol/messages';
import { newHeldScan, scanHeldScripts } from './held';
import { cap } from './limits';
import { LinkRegistry } from './links';
import { LOADING_MS } from './reporter';
import { oneAtATime } from './slices';

const RESCAN_MS = 150;

/** The frame's scanner. */
export interface Scanner {
  links: LinkRegistry;
  /** Scans now (or joins the scan running); what changed is emitted. */
  rescan(): Promise<void>;
  /** The page showed Partnero (or the background asked): scans look everywhere from now on. */
  arm(): void;
  /** When the document last changed (performance time; now while a scan of a change waits). */
  changedAt(): number;
  /**
   * The document is parsed (DOMContentLoaded; the caller listens where a page cannot stop it).
   * Called by the scanner itself when it starts later; once.
   */
  parsed(): void;
}

/**
 * Sets up the scans of `win`'s document; the first runs at load (or LOADING_MS after
 * DOMContentLoaded). `onArm` runs once, when the page first shows Partnero or Stripe.
 * `noLinksAtDcl`: started after DOMContentLoaded by a caller that saw no link or embed then, so
 * every link found is one added after parsing.
 */
export function startScanner(
  win: Window,
  frame: string,
  emit: (e: BridgeEvent) => void,
  onArm: () => void = () => undefined,
  noLinksAtDcl = false,
): Scanner {
  const doc = win.document;
  const loading = () => doc.readyState !== 'complete';
  let rescanTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the first DOM change since the last scan happened: new links were inserted then. */
  let changedAt: number | undefined;
  let initialScanDone = false;
  const { arm, armed } = armer(onArm);
  let lastChange = 0;
  const observer = new MutationObserver(() => {
    lastChange = win.performance.now();
    changedAt ??= lastChange;
    // While loading, the scan at load (or the fallback after DOMContentLoaded) sees it all.
    if (rescanTimer !== undefined || (loading() && !initialScanDone)) return;
    rescanTimer = setTimeout(() => {
      rescanTimer = undefined;
      rescan();
    }, RESCAN_MS);
  });
  const observe = (target: Node) => observer.observe(target, WATCHED);
  const links = new LinkRegistry(frame, doc, observe);
  const scripts = new Set<string>();
  const held = newHeldScan();
  const rescan = oneAtATime(async () => {
    const late = initialScanDone;
    const at = changedAt ?? win.performance.now();
    changedAt = undefined;
    initialScanDone = true;
    // Looking for shadow roots walks every element: not while the page is still loading.
    const deep = !loading() && (armed() || links.hasAny());
    const changed = await links.scanSliced(win, late, deep, at);
    if (changed.length) emit({ t: 'links', links: changed });
    const dropped = links.takeDropped();
    if (dropped) emit({ t: 'dropped', count: dropped });
    if (scanScripts(doc, scripts, held, emit)) arm();
  });
  const parsed = once(() => {
    links.noteInitial(win.performance.now(), noLinksAtDcl);
    observe(doc);
    // A load event that takes long (a slow image, a hanging request) does not hold the scan.
    setTimeout(() => initialScanDone || rescan(), LOADING_MS);
  });
  // Started after DOMContentLoaded (the page showed Partnero or Stripe late, or loaded): now.
  if (doc.readyState !== 'loading') parsed();
  return {
    parsed,
    links,
    rescan,
    arm,
    changedAt: () => (rescanTimer === undefined ? lastChange : win.performance.now()),
  };
}

/** Runs `fn` at the first call, and never again. */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** What the scans' observer watches: nodes added or removed, and link addresses. */
const WATCHED: MutationObserverInit = {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['href', 'client-reference-id'],
};

/**
 * Whether scans walk every element for shadow roots, the one part of a scan whose cost grows
 * with the page: only once the page showed Partnero or Stripe (a link or embed, a Partnero
 * script, a held loader, the hook's report) or the background asked. A page with neither
 * costs a few queries per scan. `onArm` runs at the first `arm()`.
 */
function armer(onArm: () => void): { arm(): void; armed(): boolean } {
  let armed = false;
  const arm = once(() => {
    armed = true;
    onArm();
  });
  return { arm, armed: () => armed };
}

/** Emits the Partnero scripts and held loaders not reported yet; true when there were any. */
function scanScripts(
  doc: Document,
  scripts: Set<string>,
  held: ReturnType<typeof newHeldScan>,
  emit: (e: BridgeEvent) => void,
): boolean {
  let found = false;
  for (const s of Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src*="partnero.com"]'))) {
    // A script a consent manager or optimizer holds (type="text/plain"…) loads nothing yet.
    if (scripts.has(s.src) || !isPartneroUrl(s.src) || !runsAsJavaScript(s.getAttribute('type'))) continue;
    scripts.add(s.src);
    found = true;
    emit({ t: 'script', src: cap(s.src), inHead: !!doc.head?.contains(s) });
  }
  for (const e of scanHeldScripts(doc, held)) {
    found = true;
    emit(e);
  }
  return found;
}
