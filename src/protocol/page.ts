/**
 * The MAIN-world hook → isolated bridge boundary. The hook dispatches a CustomEvent on
 * `document` whose `detail` is a JSON string (strings cross worlds in every browser; objects
 * do not). The page can read and forge these events, so the bridge validates everything.
 */

/** Hook → bridge: a batch of HookEvent, JSON-encoded. */
export const HOOK_EVENT = 'partnero-inspector:hook';
/** Bridge → hook: "report the queue state now" (no detail). */
export const HOOK_QUERY = 'partnero-inspector:query';

export type HookEvent =
  /** The loader snippet ran: it assigned `window.__partnerObject`. */
  | { t: 'loader'; name: string; at: number; inHead: boolean | null }
  /** One call of the queue function (`queued`: found waiting in `.q` when first seen). */
  | { t: 'call'; name: string; args: unknown[]; at: number; queued?: boolean }
  /** Where the queue stands: items still waiting, and whether universal.js took over. */
  | { t: 'queue'; name: string; pending: number; processed: boolean; at: number }
  /** `X is not defined` (name = X): isolated worlds get no ErrorEvent for page errors. */
  | { t: 'page-error'; name: string; message: string; at: number }
  /** A page script moved the address with `history[name]` (hash-only moves included). */
  | { t: 'history'; name: 'replaceState' | 'pushState'; from: string; to: string; at: number };
