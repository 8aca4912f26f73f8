/**
 * The click test: clicks each Payment Link so the page's own handlers run (the Partnero
 * helper sets `client_reference_id` on click), and records the href they leave behind.
 * Navigation is always stopped: a bubble listener on window added last cancels the click's
 * default action, and the Navigation API cancels script-driven navigations to Stripe.
 * When the visit has no referral cookie, each link is clicked twice: once as the organic
 * visitor (no cookie: the helper must not touch the link), then with a probe cookie standing
 * in for a partner's (removed afterwards), so a correct helper can be verified on any visit.
 */
import { PARTNER_COOKIE, readCookie } from '../detect/cookie';
import { clientReferenceIdOf, isStripeCheckout } from '../detect/stripe';
import { cap } from './limits';

/** The stand-in partner key the click test plants on unreferred visits. */
export const PROBE_VALUE = 'partnero-inspector-probe';

/** What a test click left in the link (see LinkRecord for each field). */
export interface ClickOutcome {
  afterClick: string | null;
  hrefAfterClick: string;
  probe?: string;
  afterClickNoCookie?: string | null;
  hrefAfterClickNoCookie?: string;
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

/**
 * Test-clicks one link with navigation prevented; never lets the page leave. On a referred
 * visit (a `partnero_partner` cookie) one click, whose change to the link stays as a real
 * click's would. On an unreferred visit two, each followed by restoring the href: first with
 * no cookie at all (a correct helper leaves the link alone; a careless one writes
 * `client_reference_id=undefined`), then with the probe cookie standing in for a partner's.
 */
export function clickWithoutLeaving(link: HTMLAnchorElement, doc: Document): ClickOutcome {
  if (readCookie(doc.cookie) !== null) return outcome(clickOnce(link, doc));
  const organic = restoringHref(link, () => clickOnce(link, doc));
  doc.cookie = `${PARTNER_COOKIE}=${PROBE_VALUE}; path=/`;
  let probed: string;
  try {
    probed = restoringHref(link, () => clickOnce(link, doc));
  } finally {
    doc.cookie = `${PARTNER_COOKIE}=; path=/; max-age=0`;
  }
  return {
    ...outcome(probed),
    probe: PROBE_VALUE,
    afterClickNoCookie: clientReferenceIdOf(organic),
    hrefAfterClickNoCookie: cap(organic),
  };
}

function outcome(href: string): ClickOutcome {
  return { afterClick: clientReferenceIdOf(href), hrefAfterClick: cap(href) };
}

/** Runs `click`, then puts the link's href back exactly as it was; returns what `click` did. */
function restoringHref(link: HTMLAnchorElement, click: () => string): string {
  const originalHref = link.getAttribute('href');
  try {
    return click();
  } finally {
    if (originalHref === null) link.removeAttribute('href');
    else if (link.getAttribute('href') !== originalHref) link.setAttribute('href', originalHref);
  }
}

/** One click, its default action and any script navigation to Stripe cancelled: the href it left. */
function clickOnce(link: HTMLAnchorElement, doc: Document): string {
  const win = doc.defaultView as Window & { navigation?: EventTarget };
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
  return navigatedTo ?? hrefAfter ?? link.href;
}
