/** Stripe facts shared by the content script, the rules and the views (no dependencies). */

/** Stripe keeps `client_reference_id` only when it matches this; otherwise it drops it silently. */
export const STRIPE_REFERENCE_ID = /^[A-Za-z0-9_-]{1,200}$/;

const PAYMENT_LINK_PREFIX = 'https://buy.stripe.com/';

/** True for live and test (`/test_…`) Payment Link URLs. */
export function isPaymentLink(href: string): boolean {
  return href.startsWith(PAYMENT_LINK_PREFIX);
}

/** True for URLs whose navigation reaches Stripe checkout. */
export function isStripeCheckout(url: string): boolean {
  return /^https:\/\/(buy|checkout)\.stripe\.com\//.test(url);
}

/**
 * The `client_reference_id` query parameter of a URL, read as Stripe reads it: the URL's own
 * query, split on `&` (the first of duplicates), `+` as a space. `''` when the parameter is
 * there but empty (Stripe ignores it: the rules count only a non-empty value), null when it is
 * absent or the URL does not parse. A second `?` is not a separator:
 * `…?locale=de?client_reference_id=KEY` has only `locale` (= `de?client_reference_id=KEY`).
 */
export function clientReferenceIdOf(href: string): string | null {
  // No query, no id: most links, read on every scan of a page, need no URL parse.
  if (!href.includes('?')) return null;
  try {
    return new URL(href).searchParams.get('client_reference_id');
  } catch {
    return null;
  }
}

/**
 * `?client_reference_id=` written after the query had already begun (a helper that
 * concatenated `href + '?client_reference_id=' + key` onto a link with `?locale=de`): the
 * query before it, e.g. `?locale=de`, or null when the href has no such buried id.
 */
export function queryBurying(href: string): string | null {
  let search: string;
  try {
    search = new URL(href).search;
  } catch {
    return null;
  }
  const at = search.indexOf('?client_reference_id=', 1);
  return at > 0 && !clientReferenceIdOf(href) ? search.slice(0, at) : null;
}
