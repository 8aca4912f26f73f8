/**
 * Notices the Partnero loader by its effect instead of trapping a global: the
 * `<script src="…/universal.js">` it inserts. A MutationObserver in the isolated world, created
 * at document_start (before any page script or observer of the page's), sees the insertion in
 * the microtask after the inline loader ran; by then `window.__partnerObject` and the queue are
 * plain data properties and the loader's calls wait in `po.q`, so the hook can take it from
 * there (src/hook/queue.ts). The page can neither see this observer nor the element's listener.
 */
import { isPartneroUrl } from '../detect/partnero';
import type { QueryHook } from './hook-link';

/** universal.js on a Partnero host (any query string, as the loader adds `?v…`). */
export function isUniversalUrl(src: string): boolean {
  if (!src.includes('partnero') || !isPartneroUrl(src)) return false;
  return new URL(src).pathname.endsWith('/universal.js');
}

/**
 * Watches `doc` from now on. For each universal.js inserted: `onLoader()`, then the hook is
 * asked to look at the queue (`loader:1` when the loader ran in `<head>` while the page was
 * loading), and asked again once the script has run (its `load`: universal.js may have replaced
 * the queue function or taken its queue over). `onPartnero` runs first for every script from a
 * Partnero host, universal.js or not: the bridge starts its watch of such a script's failures
 * (CSP, load errors) in that microtask, before either can be reported. `onScript` sees every
 * script the document gets, each once.
 */
export function watchLoader(
  doc: Document,
  query: QueryHook,
  onLoader: () => void,
  onPartnero: () => void = () => undefined,
  onScript: (script: HTMLScriptElement) => void = () => undefined,
): void {
  const inserted = (script: HTMLScriptElement) => {
    const src = script.src;
    if (!src.includes('partnero') || !isPartneroUrl(src)) return;
    onPartnero();
    if (!isUniversalUrl(src)) return;
    onLoader();
    // An inline loader in <head> runs before the parser has made <body>.
    query(doc.readyState === 'loading' && !doc.body ? 'loader:1' : 'loader:0');
    script.addEventListener('load', () => query(''));
  };
  // Each DOM change looks at the document's scripts not looked at yet (each once), not at every
  // node added: while a page is parsed, a few scripts instead of hundreds of records per callback.
  const scripts = doc.scripts;
  const checked = new WeakSet<Node>();
  new MutationObserver(() => {
    for (let i = 0; i < scripts.length; i++) {
      const script = scripts[i] as HTMLScriptElement;
      if (checked.has(script)) continue;
      checked.add(script);
      inserted(script);
      onScript(script);
    }
  }).observe(doc, { childList: true, subtree: true });
}
