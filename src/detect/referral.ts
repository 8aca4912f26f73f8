/** The referral parameter a partner link uses: `aff` unless the program's settings say otherwise. */
import type { PageState } from '../model/types';
import { referralParams } from '../rules/calls';

/** The program's own referral parameter (its `link_param`/`query_param`), else `aff`. */
export function referralParam(page: Pick<PageState, 'calls'>): string {
  const params = referralParams(page.calls);
  return params.find((p) => p !== 'aff') ?? 'aff';
}

/** `url` with `param=value` in its query (replacing an existing one); throws on a malformed URL. */
export function withParam(url: string, param: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(param, value);
  return u.href;
}

/** The page URL as a referred visitor would open it (`?aff=KEY`), or null for a URL that is not http(s). */
export function withReferral(page: Pick<PageState, 'calls' | 'url'>, key: string): string | null {
  if (!/^https?:\/\//i.test(page.url)) return null;
  try {
    return withParam(page.url, referralParam(page), key);
  } catch {
    return null;
  }
}
