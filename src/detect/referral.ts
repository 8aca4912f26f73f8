/** The referral parameter a partner link uses: `aff` unless the program's settings say otherwise. */
import type { PageState } from '../model/types';

/** The program's `link_param` from its settings calls, else `aff`. */
export function referralParam(page: Pick<PageState, 'calls'>): string {
  for (const { args } of page.calls) {
    if (args[0] !== 'program' || args[2] !== 'settings') continue;
    if (args[3] === 'link_param' && typeof args[4] === 'string' && args[4]) return args[4];
    const obj = args[3];
    if (
      obj &&
      typeof obj === 'object' &&
      !Array.isArray(obj) &&
      typeof obj.link_param === 'string' &&
      obj.link_param
    )
      return obj.link_param;
  }
  return 'aff';
}

/** The page URL as a referred visitor would open it (`?aff=KEY`). */
export function withReferral(page: Pick<PageState, 'calls' | 'url'>, key: string): string {
  const u = new URL(page.url);
  u.searchParams.set(referralParam(page), key);
  return u.href;
}
