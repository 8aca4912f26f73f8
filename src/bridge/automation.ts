/**
 * The channel the command-line check uses to read the extension's findings: the CLI page
 * dispatches a request event, the bridge relays it to the background and answers with a
 * response event. It exists only in WebDriver-controlled browsers (`navigator.webdriver`),
 * so ordinary pages never get a way to talk to the extension.
 */
import { AUTOMATION_REQUEST, AUTOMATION_RESPONSE, type AutomationRequest } from '../protocol/messages';

export function serveAutomation(
  doc: Document,
  relay: (request: AutomationRequest) => Promise<unknown>,
): void {
  doc.addEventListener(AUTOMATION_REQUEST, (e) => {
    let id: unknown;
    let request: AutomationRequest;
    try {
      ({ id, request } = JSON.parse(String((e as CustomEvent).detail)));
    } catch {
      return;
    }
    const answer = (body: unknown) =>
      doc.dispatchEvent(
        new CustomEvent(AUTOMATION_RESPONSE, { detail: JSON.stringify({ id, ...(body as object) }) }),
      );
    relay(request).then(
      (response) => answer({ response }),
      (err: unknown) => answer({ error: String((err as Error)?.message ?? err) }),
    );
  });
}
