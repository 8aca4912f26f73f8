import { defineContentScript } from 'wxt/utils/define-content-script';
import { installHook } from '../src/hook/install';

/** Runs in the page's own JS world before any page script, in every frame. */
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  world: 'MAIN',
  allFrames: true,
  // No `var pageHook = …` in the page's global scope: the hook must not leak a global.
  globalName: false,
  main() {
    installHook(window);
  },
});
