/** The referral parameter a partner link uses: `aff` unless the program's settings say otherwise. */
import type { PageState } from '../model/types';
import { referralParams } from '../rules/calls';

/** The program's own referral parameter (its `link_param`/`query_param`), else `aff`. */
export function referralParam(page: Pick<PageState, 'calls'>): string {
  const params = referralParams(page.calls);
  return params.find((p) => p !== 'aff') ?? 'aff';
}

/** The page URL as a referred visitor would open it (`?aff=KEY`), or null for a URL that is not http(s). */
export function withReferral(page: Pick<PageState, 'calls' | 'url'>, key: string): string | null {
  try {
    const u = new URL(page.url);
    if (!/^https?:$/.test(u.protocol)) return null;
    u.searchParams.set(referralParam(page), key);
    return u.href;
  } catch {
    return null;
  }
}
