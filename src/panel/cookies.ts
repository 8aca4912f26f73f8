/**
 * The referral cookie across a journey, one entry per distinct value: the pages it was seen
 * on, and what is known of it. A journey that keeps one cookie shows it once, not per page.
 */
import type { CookieInfo } from '../model/types';
import type { JourneyPage } from './events';

export interface CookieSighting {
  /** The value as stored; null for the pages without the cookie. */
  raw: string | null;
  /** The latest page's details of this value (expiry and domain come at the end of a watch). */
  cookie: CookieInfo | null;
  /** The pages with this value, oldest first. */
  pages: JourneyPage[];
}

/** One sighting per distinct cookie value (and one for "no cookie"), in the order first seen. */
export function cookieSightings(pages: readonly JourneyPage[]): CookieSighting[] {
  const byValue = new Map<string | null, CookieSighting>();
  for (const page of pages) {
    const cookie = page.page.cookie;
    const raw = cookie?.raw ?? null;
    const seen = byValue.get(raw);
    if (seen) {
      seen.pages.push(page);
      seen.cookie = cookie;
    } else byValue.set(raw, { raw, cookie, pages: [page] });
  }
  return [...byValue.values()];
}
