/**
 * Which hosts belong to one site: a small, offline stand-in for the Public Suffix List.
 *
 * The registrable domain ("site") of a host is one label more than its public suffix:
 * `www.shop.example` and `app.shop.example` are both `shop.example`, so a cookie set with
 * `domain=.shop.example` reaches both. The heuristic:
 *
 * - the public suffix is the last label (`com`, `de`, `localhost`, any unknown TLD), or the
 *   longest of a short list of well-known multi-label suffixes: second-level domains of
 *   country-code TLDs (`co.uk`, `com.au`, `co.jp`, …) and hosting platforms that give each
 *   customer a subdomain of their own (`github.io`, `vercel.app`, `myshopify.com`, …);
 * - `localhost` is a suffix like a TLD, so `www.shop.localhost` and `app.shop.localhost` are
 *   the site `shop.localhost`, as browsers treat them; `localhost` alone is its own site;
 * - an IP address is its own site (`127.0.0.1` and `localhost` are different sites), and so
 *   is a single-label intranet host.
 *
 * It errs on the side of the list it knows: a suffix missing from it makes two customers of
 * that suffix look like one site. It is used only for hosts a merchant visited in one tab,
 * and never in the page (hook/bridge). Chosen over an npm Public Suffix List library (tldts:
 * ~130 KB of list data) because the rules engine is bundled into the background and the popup.
 */

/** Country-code TLD → its common second-level suffixes (`uk: co` is `co.uk`). */
const CC_SECOND_LEVELS: Record<string, string> = {
  uk: 'co org me ltd plc net ac gov nhs sch',
  au: 'com net org edu gov asn id',
  nz: 'co net org govt ac school geek kiwi',
  jp: 'co ne or ac go gr ed lg',
  kr: 'co ne or re go ac',
  br: 'com net org gov edu art',
  in: 'co net org firm gen ind',
  za: 'co org net gov web',
  mx: 'com org gob edu net',
  ar: 'com org net gob',
  tr: 'com net org gen biz info web',
  cn: 'com net org gov edu',
  hk: 'com net org edu gov',
  sg: 'com net org edu gov',
  my: 'com net org',
  tw: 'com net org idv',
  il: 'co org net ac',
  id: 'co or web ac my',
  th: 'co in or ac go',
  ua: 'com org net in',
  es: 'com org nom',
  pl: 'com net org',
  co: 'com net org',
  ng: 'com org',
  ph: 'com org',
  pk: 'com org',
  sa: 'com org',
  eg: 'com org',
  vn: 'com org',
  pe: 'com org',
  uy: 'com org',
  ec: 'com org',
  gr: 'com org',
  pt: 'com org',
  cy: 'com org',
  mt: 'com org',
};

/** Hosting platforms whose customers each get a subdomain: each is its own site. */
const PLATFORM_SUFFIXES = [
  'github.io',
  'gitlab.io',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'herokuapp.com',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'azurewebsites.net',
  'cloudfront.net',
  'onrender.com',
  'fly.dev',
  'up.railway.app',
  'myshopify.com',
  'wixsite.com',
  'webflow.io',
  'blogspot.com',
  'ngrok.io',
  'ngrok.app',
  'ngrok-free.app',
  'glitch.me',
];

const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  ...Object.entries(CC_SECOND_LEVELS).flatMap(([tld, slds]) => slds.split(' ').map((sld) => `${sld}.${tld}`)),
  ...PLATFORM_SUFFIXES,
]);

/** Lower case, without a trailing dot or IPv6 brackets. */
function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
}

/** An IPv4 (dotted decimal) or IPv6 address, with or without brackets. */
export function isIpAddress(host: string): boolean {
  const h = normalizeHost(host);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':');
}

/**
 * The registrable domain of `host` (see the module comment for the heuristic), lower case;
 * the host itself for IP addresses, single-label hosts and bare public suffixes; null for
 * an empty host.
 */
export function registrableDomain(host: string): string | null {
  const h = normalizeHost(host);
  if (h === '' || h.startsWith('.') || h.includes('..')) return null;
  if (isIpAddress(h)) return h;
  const labels = h.split('.');
  if (labels.length <= 1 || MULTI_LABEL_SUFFIXES.has(h)) return h;
  // The longest known suffix ending the host; else its last label.
  let suffixLabels = 1;
  for (let n = labels.length - 1; n >= 2; n--) {
    if (MULTI_LABEL_SUFFIXES.has(labels.slice(-n).join('.'))) {
      suffixLabels = n;
      break;
    }
  }
  return labels.slice(-(suffixLabels + 1)).join('.');
}

/** Two hosts of one site (same registrable domain); the same host is the same site too. */
export function isSameSite(a: string, b: string): boolean {
  const site = registrableDomain(a);
  return site !== null && site === registrableDomain(b);
}

/**
 * A cookie's `domain` (as the cookies API reports it) reaches `host`: a domain cookie
 * (`.shop.example`) reaches that domain and every host below it, a host-only cookie
 * (`www.shop.example`, no leading dot) only that exact host.
 */
export function cookieDomainCovers(domain: string, host: string): boolean {
  const h = normalizeHost(host);
  const d = domain.trim().toLowerCase();
  if (!d.startsWith('.')) return h === normalizeHost(d);
  const base = normalizeHost(d.slice(1));
  return base !== '' && (h === base || h.endsWith(`.${base}`));
}

/** The cookie's `domain` says it was set with `domain=` (leading dot), not host-only. */
export function isDomainCookie(domain: string | undefined): boolean {
  return domain?.trim().startsWith('.') === true;
}
