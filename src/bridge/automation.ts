/**
 * The channel the command-line check uses to read the extension's findings: the CLI dispatches
 * a request event carrying a sealed envelope, the bridge relays the envelope unread to the
 * background and dispatches the sealed answer back. It exists only in WebDriver-controlled
 * browsers (`navigator.webdriver`), and only the CLI that installed this copy of the extension
 * holds the key that opens and makes envelopes: the page sees opaque text, nothing else.
 */
import { AUTOMATION_REQUEST, AUTOMATION_RESPONSE } from '../protocol/messages';

/**
 * Relays `{ id, sealed }` requests; `relay` answers with a sealed envelope, or nothing.
 * `enabled` is asked at each request (the browser is WebDriver-controlled): reading it at
 * document_start would set up one more DOM interface in every top frame.
 */
export function serveAutomation(
  doc: Document,
  relay: (sealed: string) => Promise<unknown>,
  enabled: () => boolean,
): void {
  doc.addEventListener(AUTOMATION_REQUEST, (e) => {
    if (!enabled()) return;
    const detail = (e as CustomEvent).detail;
    if (typeof detail !== 'string' || detail.length > 64_000_000) return;
    let id: unknown;
    let sealed: unknown;
    try {
      ({ id, sealed } = JSON.parse(detail));
    } catch {
      return;
    }
    if (typeof id !== 'string' || typeof sealed !== 'string') return;
    void relay(sealed).then(
      (answer) => {
        if (typeof answer !== 'string') return;
        doc.dispatchEvent(
          new CustomEvent(AUTOMATION_RESPONSE, { detail: JSON.stringify({ id, sealed: answer }) }),
        );
      },
      () => undefined,
    );
  });
}
