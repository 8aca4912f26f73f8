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

/** Test clicks whose default action must be cancelled before any page listener runs. */
const guarded = new WeakSet<Event>();

/**
 * Registers the first capture listener on window (the bridge runs at document_start, before
 * any page script), so no page listener can stop it from cancelling a guarded test click.
 */
export function installClickGuard(win: Window): void {
  win.addEventListener(
    'click',
    (e) => {
      if (guarded.has(e)) e.preventDefault();
    },
    true,
  );
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
  // composed, like a real click: from inside a shadow root it still reaches the page's
  // document-level listeners (and ours on window).
  const click = new MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
    view: win,
    button: 0,
  });
  // Without the Navigation API, cancel at the start (see installClickGuard): a page that
  // stops propagation could otherwise reach Stripe.
  if (!nav) guarded.add(click);
  win.addEventListener('click', late);
  nav?.addEventListener('navigate', onNavigate);
  try {
    link.dispatchEvent(click);
  } finally {
    guarded.delete(click);
    win.removeEventListener('click', late);
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
