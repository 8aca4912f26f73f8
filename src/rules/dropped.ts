/**
 * Referrals lost on the way in: the visit was asked to open a URL with a referral parameter,
 * and a redirect or the page's own script took it out of the address before universal.js
 * read it. Judged from what the tab was asked to open (`PageState.entry`), not only from the
 * address it ended on, and from the top frame's address moves (`PageState.addressChanges`).
 */
import type { AddressChange, PageState, Redirect } from '../model/types';
import { parseUrl } from './urls';

/** One referral parameter, with its value, that was gone before universal.js could read it. */
export interface DroppedReferral {
  param: string;
  value: string;
  /** The redirect that answered without it, or the page script's move that removed it. */
  by: { redirect: Redirect } | { script: AddressChange };
}

/** The URL's value of `param`, or null (also for a URL that does not parse). */
const valueIn = (url: string, param: string) => parseUrl(url)?.searchParams.get(param) ?? null;

/** A redirect chain's first hop that dropped `param=value`, if the page ended without it. */
function droppedByRedirect(page: PageState, param: string): DroppedReferral | null {
  const entry = page.entry;
  const value = entry ? valueIn(entry.asked, param) : null;
  if (!entry || !value || valueIn(page.url, param) === value) return null;
  const hop = entry.redirects.find((r) => valueIn(r.from, param) === value && valueIn(r.to, param) !== value);
  return hop ? { param, value, by: { redirect: hop } } : null;
}

/** The first move by page script that removed `param` before the referral cookie existed. */
function droppedByScript(page: PageState, param: string): DroppedReferral | null {
  for (const change of page.addressChanges ?? []) {
    const value = valueIn(change.from, param);
    if (change.cookie || !value || valueIn(change.to, param) === value) continue;
    return { param, value, by: { script: change } };
  }
  return null;
}

/**
 * Every referral parameter (`aff` plus the program's own) the visit arrived with and lost,
 * except when the referral cookie holds its value anyway (universal.js read it in time, or on
 * a page before). A script's move counts only on a page that runs the loader (`present`).
 */
export function droppedReferrals(
  page: PageState,
  params: readonly string[],
  present: boolean,
): DroppedReferral[] {
  return params.flatMap((param) => {
    const dropped = droppedByRedirect(page, param) ?? (present ? droppedByScript(page, param) : null);
    return dropped && page.cookie?.value !== dropped.value ? [dropped] : [];
  });
}
