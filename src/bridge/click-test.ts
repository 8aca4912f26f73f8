/**
 * The click test: clicks each Payment Link so the page's own handlers run (the Partnero
 * helper sets `client_reference_id` on click), and records the href they leave behind.
 * Navigation is always stopped: a bubble listener on window added last cancels the click's
 * default action, and the Navigation API cancels script-driven navigations to Stripe.
 * When the visit has no referral cookie, a probe cookie stands in for it during the test
 * and is removed afterwards, so a correct helper can be verified on any visit.
 */
import { PARTNER_COOKIE, readCookie } from '../detect/cookie';
import { clientReferenceIdOf, isStripeCheckout } from '../detect/stripe';
import { cap } from './limits';

export const PROBE_VALUE = 'partnero-inspector-probe';

export interface ClickOutcome {
  afterClick: string | null;
  hrefAfterClick: string;
  probe?: string;
}

interface NavigateEventLike extends Event {
  destination?: { url?: string };
  cancelable: boolean;
}

/** Clicks one link with navigation prevented; never lets the page leave. */
export function clickWithoutLeaving(link: HTMLAnchorElement, doc: Document): ClickOutcome {
  const win = doc.defaultView as Window & { navigation?: EventTarget };
  const usingProbe = readCookie(doc.cookie) === null;
  const originalHref = link.getAttribute('href');
  if (usingProbe) doc.cookie = `${PARTNER_COOKIE}=${PROBE_VALUE}; path=/`;
  let navigatedTo: string | null = null;
  let hrefAfter: string | null = null;
  const late = (e: Event) => {
    hrefAfter = link.href;
    e.preventDefault();
  };
  const onNavigate = (e: Event) => {
    const url = (e as NavigateEventLike).destination?.url ?? '';
    if (isStripeCheckout(url) && (e as NavigateEventLike).cancelable) {
      navigatedTo = url;
      e.preventDefault();
    }
  };
  const nav = win.navigation;
  // Without the Navigation API, cancel at the start: a page that stops propagation could
  // otherwise reach Stripe.
  const early = (e: Event) => e.preventDefault();
  if (!nav) win.addEventListener('click', early, true);
  win.addEventListener('click', late);
  nav?.addEventListener('navigate', onNavigate);
  try {
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: win, button: 0 }));
  } finally {
    win.removeEventListener('click', late);
    win.removeEventListener('click', early, true);
    nav?.removeEventListener('navigate', onNavigate);
  }
  const finalHref: string = navigatedTo ?? hrefAfter ?? link.href;
  if (usingProbe) {
    doc.cookie = `${PARTNER_COOKIE}=; path=/; max-age=0`;
    if (originalHref === null) link.removeAttribute('href');
    else if (link.getAttribute('href') !== originalHref) link.setAttribute('href', originalHref);
  }
  return {
    afterClick: clientReferenceIdOf(finalHref),
    hrefAfterClick: cap(finalHref),
    ...(usingProbe && { probe: PROBE_VALUE }),
  };
}
