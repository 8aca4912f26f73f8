import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startBridge } from '../src/bridge/start';

/** Isolated world, every frame, from document_start so no hook event is missed. */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  globalName: false,
  // WXT's legacy window.postMessage on start-up would be visible to the page's listeners.
  noScriptStartedPostMessage: true,
  main() {
    startBridge(window, browser);
  },
});
