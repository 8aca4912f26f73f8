import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { bridgeApi } from '../src/bridge/ext';
import { startBridge } from '../src/bridge/start';

/**
 * The isolated-world content script of every frame, from document_start so no hook event is
 * missed. Built as an unlisted script and declared in wxt.config.ts: WXT's content-script
 * wrapper would bring webextension-polyfill (and its context helpers) into every frame of
 * every page, and the bridge needs neither (see src/bridge/ext.ts).
 */
export default defineUnlistedScript({
  globalName: false,
  main() {
    startBridge(window, bridgeApi());
  },
});
