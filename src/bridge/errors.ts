/**
 * Page-side failures the rules need that DOM events show to the isolated world: Partnero
 * scripts that fail to load and CSP blocks. (`po is not defined` and unhandled rejections
 * only reach the page's own world: the MAIN-world hook reports those.)
 */

import { policyDirective } from '../detect/csp';
import { isPartneroUrl } from '../detect/partnero';
import type { BridgeEvent } from '../protocol/messages';
import { cap } from './limits';

/**
 * Starts listening; `emit` receives each finding-worthy error. A CSP block carries the
 * directive to fix as the page's policy names it, and the one the browser enforced.
 */
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
    if (!isPartneroUrl(e.blockedURI)) return;
    // Such a request never leaves the page: webRequest and the CLI's driver never see it.
    const effective = String(e.effectiveDirective || e.violatedDirective || '');
    emit({
      t: 'error',
      kind: 'csp',
      url: cap(e.blockedURI),
      message: cap(`blocked by Content-Security-Policy (${e.violatedDirective})`, 300),
      directive: cap(policyDirective(effective, String(e.originalPolicy ?? '')), 60),
      effectiveDirective: cap(effective, 60),
      at: at(),
    });
  });
}
