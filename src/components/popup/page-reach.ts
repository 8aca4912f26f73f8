/**
 * Whether the popup can inspect the tab at all: browser pages, add-on stores and sites the
 * user kept the extension out of get a plain explanation instead of an empty checklist.
 */
import type { TabSnapshot } from '../../protocol/messages';

/** The tab as the browser reports it (not as the page says): its address and our access to it. */
export interface TabInfo {
  url: string;
  /** False when the user withheld the extension's access to this site. */
  allowed: boolean;
}

/** What the popup can do with the tab: inspect it, or say why not. */
export type Reach =
  /** A page the extension watches: show its checklist. */
  | { kind: 'inspect'; snap: TabSnapshot }
  /** about:, chrome://, moz-extension:… pages belong to the browser: no extension sees into them. */
  | { kind: 'browser-page' }
  /** Browsers keep every extension out of their add-on stores. */
  | { kind: 'store' }
  /** The user kept the extension out of this site (site access "on click", Firefox permissions). */
  | { kind: 'not-allowed' }
  /** Open before the extension started (installed, updated, reloaded): nothing was recorded. */
  | { kind: 'unseen' };

/** Hosts (and path prefixes) where browsers run no extension's scripts. */
const STORES: readonly [host: string, path: string][] = [
  ['chromewebstore.google.com', '/'],
  ['chrome.google.com', '/webstore'],
  ['addons.mozilla.org', '/'],
  ['microsoftedge.microsoft.com', '/addons'],
];

function isStore(url: URL): boolean {
  return STORES.some(([host, path]) => url.hostname === host && url.pathname.startsWith(path));
}

/**
 * What the popup can do with the tab, or null while neither the tab nor its state is known.
 * A non-http page the extension did record (a `file:` page it may read) is inspected.
 */
export function reachOf(tab: TabInfo | null, snap: TabSnapshot | null): Reach | null {
  const address = tab?.url || snap?.page.url || '';
  if (!address) return tab && snap ? { kind: 'unseen' } : null;
  const url = URL.parse(address);
  if (!url || !/^https?:$/.test(url.protocol))
    return snap?.page.url === address && snap.page.loadedAt !== undefined
      ? { kind: 'inspect', snap }
      : { kind: 'browser-page' };
  if (isStore(url)) return { kind: 'store' };
  if (tab && !tab.allowed) return { kind: 'not-allowed' };
  if (snap === null) return null;
  return snap.page.url === '' ? { kind: 'unseen' } : { kind: 'inspect', snap };
}
