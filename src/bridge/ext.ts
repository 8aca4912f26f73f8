/**
 * The three extension APIs the bridge uses, on the `chrome.*` namespace both browsers give
 * content scripts. Not webextension-polyfill: that is ~10 KB evaluated in every frame of
 * every page at document_start (about 1 ms of the page's load on our machine), for calls
 * this small adapter makes just as well. Background and views keep the polyfill.
 */

/** The bridge's view of the extension: messages to the background, and settings. */
export interface BridgeApi {
  /** Resolves with the background's answer; rejects when nobody answered. */
  sendMessage(message: unknown): Promise<unknown>;
  /** `handler` answers by returning a promise, or ignores the message by returning undefined. */
  onMessage(handler: (message: unknown) => Promise<unknown> | undefined): void;
  /** One key of `storage.local` (an empty object when unset or unreadable). */
  getLocal(key: string): Promise<Record<string, unknown>>;
}

interface ChromeLike {
  runtime: {
    lastError?: { message?: string };
    sendMessage(message: unknown, callback: (response: unknown) => void): void;
    onMessage: {
      addListener(
        fn: (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean,
      ): void;
    };
  };
  storage: { local: { get(key: string, callback: (items?: Record<string, unknown>) => void): void } };
}

/**
 * The bridge's APIs. `chrome.runtime` is first read when first used: in Chromium that first
 * read sets up the frame's extension bindings (~1.7 ms of main thread per frame here, the
 * larger part of the bridge's cost on a page of many frames), so a frame with nothing to
 * report never pays it.
 */
export function bridgeApi(
  chrome: ChromeLike = (globalThis as unknown as { chrome: ChromeLike }).chrome,
): BridgeApi {
  const rt = () => chrome.runtime;
  return {
    sendMessage: (message) =>
      new Promise((resolve, reject) => {
        try {
          const runtime = rt();
          runtime.sendMessage(message, (response) => {
            const error = runtime.lastError;
            if (error) reject(new Error(error.message ?? 'no answer'));
            else resolve(response);
          });
        } catch (err) {
          // The extension was reloaded or removed while the page stayed open.
          reject(err);
        }
      }),
    onMessage: (handler) =>
      rt().onMessage.addListener((message, _sender, sendResponse) => {
        const answer = handler(message);
        if (!answer) return false;
        answer.then(sendResponse, () => sendResponse(undefined));
        return true;
      }),
    getLocal: (key) =>
      new Promise((resolve) => {
        try {
          chrome.storage.local.get(key, (items) => {
            void rt().lastError; // read, so an error is not reported as unchecked
            resolve(items ?? {});
          });
        } catch {
          resolve({});
        }
      }),
  };
}
