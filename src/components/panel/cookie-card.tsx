/** The referral cookie as stored, decoded, its lifetime, and whether Stripe would keep it. */
import { PARTNER_COOKIE } from '../../detect/cookie';
import { STRIPE_REFERENCE_ID } from '../../detect/stripe';
import type { CookieInfo } from '../../model/types';
import { formatExpiry } from '../../panel/format';
import { Mark } from '../shared/mark';
import { ShortValue } from '../shared/short-value';
import { PropList } from './prop-list';

/** Why a value is not a valid Stripe `client_reference_id`, or null when it is. */
export function stripeProblem(value: string): string | null {
  if (STRIPE_REFERENCE_ID.test(value)) return null;
  if (!value) return 'empty';
  if (value.length > 200) return `${value.length} characters (at most 200)`;
  const bad = [...new Set(value.replace(/[A-Za-z0-9_-]/g, ''))].slice(0, 10);
  return `contains ${bad.map((c) => JSON.stringify(c)).join(' ')} (only A–Z a–z 0–9 _ - are kept)`;
}

/** The cookie as stored and decoded, its lifetime and scope, and whether Stripe keeps it; or why there is none. */
export function CookieCard({ cookie, now }: { cookie: CookieInfo | null; now: number }) {
  if (!cookie) {
    return (
      <p class="muted empty">
        No {PARTNER_COOKIE} cookie: the visit is not referred. <em>Simulate a referred visit</em> reopens the
        page with <code>?aff=TEST</code>.
      </p>
    );
  }
  const problem = stripeProblem(cookie.value);
  return (
    <PropList
      rows={[
        ['Name', PARTNER_COOKIE, true],
        ['Raw', <ShortValue text={cookie.raw} />, true],
        ['Decoded', <ShortValue text={cookie.value} />, true],
        ['Expires', formatExpiry(cookie.expires, now)],
        ['Domain', cookie.domain ?? 'unknown', true],
        ['Path', cookie.path ?? 'unknown', true],
        [
          'Stripe client_reference_id',
          problem ? (
            <span class="tone-error">
              <Mark kind="error" /> invalid: {problem}
            </span>
          ) : (
            <span class="tone-ok">
              <Mark kind="ok" /> valid
            </span>
          ),
        ],
      ]}
    />
  );
}
