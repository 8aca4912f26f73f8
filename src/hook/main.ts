/**
 * The MAIN-world hook's bundle: injected at document_start in every frame, before any page
 * script. Built by wxt.config.ts (`buildHook`) as a bare IIFE, not as a WXT entrypoint: WXT's
 * content-script wrapper (its logger, an async wrapper, the script's options) would be a tenth
 * of the hook's 4 KB budget.
 */
import { installHook } from './install';

try {
  installHook(window);
} catch {
  // A window the hook cannot work in is left exactly as it was.
}
