/**
 * `cookie.lost-across-subdomains`: the referral cookie was there on one host of the site
 * (`www.shop.example`) earlier in the tab, and this page on another host of the same site
 * (`app.shop.example`, the apex) ends its watch without it. universal.js writes the cookie
 * host-only, so the helper and the transaction on this host see no partner.
 *
 * Silent when this host itself had the cookie earlier (then it was lost some other way), and
 * when the earlier cookie's domain (known from the cookies API) reaches this host.
 */
import { cookieDomainCovers, isDomainCookie, isSameSite, registrableDomain } from '../detect/site';
import type { CookieHost } from '../model/types';
import { defineRule } from './rule';
import { clip, quote } from './text';
import { withoutQuery } from './urls';

/** The latest earlier host of this site whose cookie could not reach `host`, if any. */
export function hostThatLostTheCookie(hosts: readonly CookieHost[], host: string): CookieHost | undefined {
  if (hosts.some((h) => h.host === host)) return undefined;
  return [...hosts]
    .reverse()
    .find((h) => isSameSite(h.host, host) && !(h.domain !== undefined && cookieDomainCovers(h.domain, host)));
}

/** Why the cookie stayed behind, for the message. */
function why(from: CookieHost, host: string): string {
  return isDomainCookie(from.domain)
    ? `it was set for domain=${clip(from.domain ?? '', 80)}, which does not include ${host}`
    : 'the cookie is host-only (set without domain=)';
}

export default defineRule('cookie.lost-across-subdomains', ({ page, cookie, pageHost, history }) => {
  if (!page.watchEnded || cookie !== null || pageHost === null) return [];
  const from = hostThatLostTheCookie(history.cookieHosts ?? [], pageHost);
  if (from === undefined) return [];
  const fromHost = clip(from.host, 80);
  const host = clip(pageHost, 80);
  const site = clip(registrableDomain(pageHost) ?? pageHost, 80);
  const here = clip(withoutQuery(page.url), 120);
  return [
    {
      severity: 'error',
      message: `The partnero_partner cookie (partner ${quote(from.value, 40)}) was set on ${fromHost}, but this page on ${host} has none: ${why(from, host)}, so the Partnero helper and any transaction on ${host} see no partner and the referral is lost.`,
      fix: `The cookie must reach the host where checkout or signup happens: keep the site and checkout/signup on one host, or (if your Partnero settings allow it) set the cookie for domain=.${site}; verify with partnero-inspector check ${clip(from.url, 120)} ${here} --aff TEST.`,
    },
  ];
});
