/**
 * Page-side failures the rules need that DOM events show to the isolated world: Partnero
 * scripts that fail to load and CSP blocks. (`po is not defined` and unhandled rejections
 * only reach the page's own world: the MAIN-world hook reports those.)
 */

import { isPartneroUrl } from '../detect/partnero';
import type { BridgeEvent } from '../protocol/messages';
import { cap } from './limits';

/** Starts listening; `emit` receives each finding-worthy error. */
export function watchErrors(win: Window, emit: (e: BridgeEvent) => void): void {
  const at = () => win.performance.now();
  win.addEventListener(
    'error',
    (e: Event) => {
      const el = e.target as Element | null;
      const src = el?.localName === 'script' ? (el as HTMLScriptElement).src : '';
      if (src && isPartneroUrl(src))
        emit({ t: 'error', kind: 'script-error', url: cap(src), message: 'script failed to load', at: at() });
    },
    true,
  );
  win.document.addEventListener('securitypolicyviolation', (e) => {
    if (isPartneroUrl(e.blockedURI))
      emit({
        t: 'error',
        kind: 'csp',
        url: cap(e.blockedURI),
        message: cap(`blocked by Content-Security-Policy (${e.violatedDirective})`, 300),
        at: at(),
      });
  });
}
