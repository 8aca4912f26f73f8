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

/** Policies a merchant's site may send, by the name used in `/csp/<policy>/<file>`. */
export const CSP_POLICIES: Record<string, string> = {
  // Partnero's guide names app.partnero.com; the settings script comes from assets.partnero.com
  // and the tracking calls need connect-src.
  'app-host-only': "script-src 'self' 'unsafe-inline' https://app.partnero.com; connect-src 'self'",
  'no-connect-src': "script-src 'self' 'unsafe-inline' https://*.partnero.com; connect-src 'self'",
  'partnero-allowed':
    "script-src 'self' 'unsafe-inline' https://*.partnero.com; connect-src 'self' https://*.partnero.com",
};

/** A page that only sends the visitor on, as a `<meta http-equiv="refresh">` (no loader). */
const REFRESH_PAGE = (to: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta http-equiv="refresh" content="0; url=${to}"><title>Redirecting…</title></head><body><p>Redirecting to <a href="${to}">the English site</a>…</p></body></html>`;

/**
 * Locale middleware as merchants' sites run it: `/locale-redirect/?aff=…` answers 301 to
 * `/locale-redirect/en/` and drops the query; `/locale-keep/` keeps it; `/locale-refresh/`
 * sends the visitor on with a meta refresh that drops it. All land on locale-en.html.
 */
function localeRoute(path: string, search: string): ReturnType<Route> {
  const locale = /^\/(locale-redirect|locale-keep|locale-refresh)\/(en\/)?$/.exec(path);
  if (!locale?.[1]) return null;
  if (locale[2])
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(resolve(FIXTURES, 'locale-en.html'), 'utf8'),
    };
  if (locale[1] === 'locale-refresh')
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: REFRESH_PAGE('/locale-refresh/en/'),
    };
  const query = locale[1] === 'locale-keep' ? search : '';
  return {
    status: 301,
    contentType: 'text/plain',
    body: '',
    headers: { location: `/${locale[1]}/en/${query}` },
  };
}

export const fixtureRoutes: Route = (path, _method, search): ReturnType<Route> => {
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
  // A fixture script as a slow third party serves it (`/slow/<ms>/<file>.js`): a tag manager's
  // container, a pricing widget, arriving well after the page's load.
  const slow = /^\/slow\/(\d{1,4})\/([\w-]+\.js)$/.exec(path);
  if (slow?.[2])
    return {
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      body: readFileSync(resolve(FIXTURES, 'scripts', slow[2]), 'utf8'),
      delayMs: Number(slow[1]),
    };
  // A fixture image or font as a slow host serves it (`/slow/<ms>/<file>.svg|.woff2`, from
  // assets/): a plan rendered once its badge or the brand's web font has arrived.
  const asset = /^\/slow\/(\d{1,4})\/([\w-]+\.(svg|woff2))$/.exec(path);
  if (asset?.[2])
    return {
      status: 200,
      contentType: asset[3] === 'svg' ? 'image/svg+xml' : 'font/woff2',
      body: readFileSync(resolve(FIXTURES, 'assets', asset[2]), 'utf8'),
      delayMs: Number(asset[1]),
    };
  // Server-Sent Events (`/events/<ms>/<name>`): one event named `<name>`, `<ms>` after the
  // request, then the stream ends (the page closes its EventSource on that event).
  const events = /^\/events\/(\d{1,4})\/([\w-]+)$/.exec(path);
  if (events?.[2])
    return {
      status: 200,
      contentType: 'text/event-stream',
      body: `event: ${events[2]}\ndata: ready\n\n`,
      delayMs: Number(events[1]),
    };
  // A fixture page behind a Content-Security-Policy header (`/csp/<policy>/<file>`): the
  // browser blocks what the policy does not allow before any request exists.
  const csp = /^\/csp\/([\w-]+)\/([\w-]+\.html)$/.exec(path);
  const policy = csp?.[1] === undefined ? undefined : CSP_POLICIES[csp[1]];
  if (csp?.[2] && policy)
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: readFileSync(resolve(FIXTURES, csp[2]), 'utf8'),
      headers: { 'content-security-policy': policy },
    };
  return localeRoute(path, search);
};
