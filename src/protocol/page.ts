/**
 * The MAIN-world hook ↔ isolated bridge boundary. The two content scripts talk over a bare
 * EventTarget only they hold (no element: the bridge's world sets up no element interfaces): at document_start, before any page script exists, the hook offers it
 * in a `HOOK_LINK` event on `document` (its `relatedTarget`) and the bridge takes it by
 * cancelling that event; after that neither has a listener on `document` or `window`, so a page
 * can neither read nor forge this traffic, nor tell that it exists. Events carry JSON text
 * (strings cross worlds in every browser; objects do not). The bridge still validates
 * everything: the hook runs in the page's world, on the page's objects.
 */

/** Hook → bridge (document, once): "here is the channel"; cancelled by the bridge that takes it. */
export const HOOK_LINK = 'partnero-inspector:link';
/** Bridge → hook (document, once): "offer it again", for a hook that started before the bridge. */
export const HOOK_LINK_ASK = 'partnero-inspector:link-ask';
/** Hook → bridge (channel): a batch of HookEvent, JSON-encoded. */
export const HOOK_EVENT = 'partnero-inspector:hook';
/**
 * Bridge → hook (channel): look at the queue now and report it. `detail` is `loader:1` /
 * `loader:0` when the loader has just inserted universal.js (in `<head>` while the page was
 * loading, or not), empty otherwise (universal.js loaded, or the extension asks).
 */
export const HOOK_QUERY = 'partnero-inspector:query';

export type HookEvent =
  /** The loader ran (universal.js inserted, `window.__partnerObject` names the queue). */
  | { t: 'loader'; name: string; at: number; inHead: boolean | null }
  /** One call of the queue function (`queued`: found waiting in `.q` when first seen). */
  | { t: 'call'; name: string; args: unknown[]; at: number; queued?: boolean }
  /** Where the queue stands: items still waiting, and whether universal.js took over. */
  | { t: 'queue'; name: string; pending: number; processed: boolean; at: number }
  /** `X is not defined` (name = X): Chromium's isolated worlds get no ErrorEvent for page errors. */
  | { t: 'page-error'; name: string; message: string; at: number };
