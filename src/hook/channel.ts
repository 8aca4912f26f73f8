/**
 * The hook's private line to the isolated bridge (see src/protocol/page.ts): an EventTarget
 * handed over once at document_start. Everything the hook sends goes there, in batches, so a
 * page sees no event, listener or global of ours, and cannot forge what the bridge receives.
 *
 * Only what is taken here, before any page script has run, is used later: a page that replaces
 * `JSON.stringify`, `CustomEvent` or `EventTarget.prototype.dispatchEvent`, or that puts getters
 * on `Object.prototype`, neither sees the hook call them nor changes what it sends.
 */
import { HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK, HOOK_QUERY, type HookEvent } from '../protocol/page';

/** A full batch goes at once: a page calling `po` in a loop never pushes later calls out. */
const BATCH = 500;

/** What the rest of the hook uses of the channel. */
export interface Channel {
  /** Queues `e`; the batch goes in a microtask (or at once when full). */
  emit(e: HookEvent): void;
  /** `fn` gets each query's detail; whatever it throws stays here. */
  onQuery(fn: (detail: string) => void): void;
}

/** Creates the channel and offers it to the bridge. */
export function openChannel(w: Window & typeof globalThis): Channel {
  const { apply } = Reflect;
  const { setPrototypeOf } = Object;
  const stringify = JSON.stringify;
  const {
    dispatchEvent: dispatch,
    addEventListener: listen,
    removeEventListener: unlisten,
  } = w.EventTarget.prototype;
  const detailOf = Object.getOwnPropertyDescriptor(w.CustomEvent.prototype, 'detail')?.get;
  const Custom = w.CustomEvent;
  const later = w.queueMicrotask.bind(w);
  const doc = w.document;
  const node = new w.EventTarget(); // not an element: the bridge's world sets up no element interfaces
  // Own members only (no prototype), so building the event reads nothing a page can trap.
  const init = (detail: string) =>
    setPrototypeOf({ bubbles: false, cancelable: false, composed: false, detail }, null);
  const offer = () =>
    !apply(dispatch, doc, [new w.MouseEvent(HOOK_LINK, { relatedTarget: node, cancelable: true })]);
  if (!offer()) {
    // The bridge is not there yet: it asks once it starts (still before any page script).
    const ask = () => offer() && apply(unlisten, doc, [HOOK_LINK_ASK, ask]);
    apply(listen, doc, [HOOK_LINK_ASK, ask]);
  }

  // A batch without a prototype: JSON.stringify then looks up no `toJSON` a page could define.
  const fresh = () => setPrototypeOf([], null) as HookEvent[];
  let batch = fresh();
  const flush = () => {
    const events = batch;
    if (events.length === 0) return;
    batch = fresh();
    try {
      apply(dispatch, node, [new Custom(HOOK_EVENT, init(stringify(events)))]);
    } catch {
      // Unserialisable leftovers: drop the batch, never the page.
    }
  };
  return {
    emit(e) {
      if (batch.length === 0) later(flush);
      batch[batch.length] = setPrototypeOf(e, null);
      if (batch.length >= BATCH) flush();
    },
    onQuery(fn) {
      apply(listen, node, [
        HOOK_QUERY,
        (e: Event) => {
          try {
            const detail: unknown = detailOf ? apply(detailOf, e, []) : (e as CustomEvent).detail;
            fn(typeof detail === 'string' ? detail : '');
          } catch {
            // An exception here would reach the page's error handlers.
          }
        },
      ]);
    },
  };
}
