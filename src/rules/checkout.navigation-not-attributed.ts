/**
 * `checkout.navigation-not-attributed`: the tab went to Stripe checkout, during a referred
 * visit, without the partner key — through `window.location`, `window.open` or a form, which
 * the Payment Links helper does not cover.
 */
import type { Navigation } from '../model/types';
import { defineRule } from './rule';
import { clip, quote } from './text';
import { parseUrl } from './urls';

/** The navigation's `client_reference_id`, or undefined when it is not a checkout we can judge. */
function checkoutReference({ url, serverRedirect }: Navigation): string | null | undefined {
  const parsed = parseUrl(url);
  if (parsed?.protocol !== 'https:') return undefined;
  // A server redirect to checkout.stripe.com comes from a Checkout Session created on the
  // server, which carries the id in the session, not in the URL.
  const judged =
    parsed.hostname === 'buy.stripe.com' ||
    (parsed.hostname === 'checkout.stripe.com' && serverRedirect !== true);
  return judged ? parsed.searchParams.get('client_reference_id') : undefined;
}

export default defineRule('checkout.navigation-not-attributed', ({ page, cookie }) => {
  if (cookie === null) return [];
  return page.navigations.flatMap((navigation) => {
    const id = checkoutReference(navigation);
    if (id === undefined || id === cookie.value) return [];
    const carried = id === null ? 'no client_reference_id' : `client_reference_id ${quote(id, 40)}`;
    return [
      {
        severity: 'error',
        message: `The tab went to Stripe checkout (${clip(navigation.url)}) with ${carried} while the partnero_partner cookie is ${quote(cookie.value, 40)}.`,
        fix: 'Add client_reference_id (the decoded cookie) to the URL before redirecting, or pass it when creating the Checkout Session.',
        target: { href: navigation.url },
      },
    ];
  });
});
