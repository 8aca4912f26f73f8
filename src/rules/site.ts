/**
 * Frames of another site: a Payment Link there lives in a document that cannot read the
 * page's `partnero_partner` cookie (its cookies are its own site's), so the page's helper
 * cannot reach it and a helper inside it finds no key.
 */
import { isSameSite, registrableDomain } from '../detect/site';
import { parseUrl } from './urls';

/** Host of an http(s) frame URL, or null (`top`, `about:blank`, `srcdoc`, unparsable). */
function httpHost(url: string): string | null {
  const parsed = parseUrl(url);
  return parsed !== null && /^https?:$/.test(parsed.protocol) && parsed.hostname !== ''
    ? parsed.hostname
    : null;
}

/**
 * The link's frame (`top` or its URL) is a document of another site than the page: both
 * hosts known and of different registrable domains. Unknown hosts count as the page's own
 * (an `about:blank` or `srcdoc` frame shares the page's origin).
 */
export function isCrossSiteFrame(frame: string, pageUrl: string): boolean {
  if (frame === 'top') return false;
  const frameHost = httpHost(frame);
  const pageHost = httpHost(pageUrl);
  return frameHost !== null && pageHost !== null && !isSameSite(frameHost, pageHost);
}

/** The registrable domain of an http(s) URL (`shop.example` for `https://www.shop.example/a`), else null. */
export function siteOfUrl(url: string): string | null {
  const host = httpHost(url);
  return host === null ? null : registrableDomain(host);
}

/** The frame's site for messages: its registrable domain, else its host, else the URL. */
export function frameSite(frame: string): string {
  const host = httpHost(frame);
  return host === null ? frame : (registrableDomain(host) ?? host);
}
