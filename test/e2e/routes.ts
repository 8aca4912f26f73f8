/**
 * What the fixture server answers besides files: the server side of a merchant's site that
 * fixture pages need (a Checkout Session endpoint that redirects to Stripe).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Route } from '../../src/cli/static-server';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

/** A Checkout Session URL as Stripe returns it (the session, not the URL, carries the id). */
export const CHECKOUT_SESSION_URL =
  'https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0#fidkdWxOYHwnPyd1blpxYHZxWjA0';

export const fixtureRoutes: Route = (path): ReturnType<Route> => {
  // The merchant's server creates a Checkout Session (with client_reference_id from the
  // cookie it received) and answers 303 to Stripe's URL for it.
  if (path === '/create-checkout-session')
    return { status: 303, contentType: 'text/plain', body: '', headers: { location: CHECKOUT_SESSION_URL } };
  // A fixture page as most merchant sites serve theirs: without `no-store`, which keeps
  // Chromium from restoring a page from its back/forward cache.
  const cacheable = /^\/cacheable\/([\w-]+\.html)$/.exec(path);
  if (cacheable?.[1])
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(resolve(FIXTURES, cacheable[1]), 'utf8'),
      headers: { 'cache-control': 'no-cache' },
    };
  return null;
};
