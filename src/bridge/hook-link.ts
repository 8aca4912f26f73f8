/**
 * The bridge's end of the private channel to the MAIN-world hook (see src/protocol/page.ts):
 * takes the EventTarget the hook offers at document_start, then listens only on it. Nothing of ours
 * stays on `document`: a page cannot see the hook's batches, forge them, or tell we are here.
 */
import { HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK, HOOK_QUERY } from '../protocol/page';

/** Sends a query to the hook (a no-op until linked). */
export type QueryHook = (detail: string) => void;

/** Links with the hook; `onBatch` gets each batch's detail as dispatched (validated later). */
export function linkHook(doc: Document, onBatch: (detail: unknown) => void): QueryHook {
  let channel: EventTarget | null = null;
  const take = (e: Event) => {
    const offered = (e as MouseEvent).relatedTarget;
    if (!offered || channel) return;
    channel = offered;
    e.preventDefault(); // tells the hook it was taken
    doc.removeEventListener(HOOK_LINK, take);
    offered.addEventListener(HOOK_EVENT, (b) => onBatch((b as CustomEvent).detail));
  };
  doc.addEventListener(HOOK_LINK, take);
  // A hook that started first waits for this to offer its channel again.
  if (!channel) doc.dispatchEvent(new Event(HOOK_LINK_ASK));
  return (detail) => {
    channel?.dispatchEvent(new CustomEvent(HOOK_QUERY, { detail }));
  };
}
