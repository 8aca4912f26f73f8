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

/** The `client_reference_id` query parameter of a URL, or null. */
export function clientReferenceIdOf(href: string): string | null {
  try {
    return new URL(href).searchParams.get('client_reference_id');
  } catch {
    return null;
  }
}
