/**
 * Test double of the MAIN-world hook's end of the channel (src/hook/channel.ts): offers its
 * EventTarget the way the hook does at document_start, then sends batches on it and notes the
 * bridge's queries. Start the bridge first (the manifest's order), or after: both link.
 */
import { HOOK_EVENT, HOOK_LINK, HOOK_LINK_ASK, HOOK_QUERY } from '../../protocol/page';

/** Links with the bridge of `doc`; `send` dispatches one batch (JSON text) as the hook would. */
export function fakeHook(doc: Document) {
  const win = doc.defaultView as Window & typeof globalThis;
  const node = new win.EventTarget();
  const queries: string[] = [];
  node.addEventListener(HOOK_QUERY, (e) => queries.push(String((e as CustomEvent).detail)));
  const offer = () =>
    !doc.dispatchEvent(new win.MouseEvent(HOOK_LINK, { relatedTarget: node, cancelable: true }) as Event);
  let linked = offer();
  if (!linked) doc.addEventListener(HOOK_LINK_ASK, () => (linked ||= offer()));
  return {
    /** Whether the bridge took the element. */
    linked: () => linked,
    queries,
    send: (detail: string) =>
      node.dispatchEvent(new win.CustomEvent(HOOK_EVENT, { detail } as unknown as CustomEventInit) as Event),
  };
}
