/**
 * `link.client-reference-id-invalid`: the id the link would send is one Stripe silently drops,
 * or one a helper wrote without a partner (`client_reference_id=undefined` on every organic
 * checkout). The second kind shows in a click made without any referral cookie: the click
 * test's first click on an unreferred visit, or a visitor's own click on one.
 */
import type { CookieInfo, LinkRecord } from '../model/types';
import { describeLink, echoesProbe, effectiveId, linkTarget, wasClicked } from './links';
import { type Draft, defineRule } from './rule';
import { isValidReferenceId, referenceIdProblem } from './stripe';
import { quote } from './text';

/** What a helper writes when it reads no cookie: `String(undefined)`, `${{}}`, an empty value… */
const NO_PARTNER_VALUES: ReadonlySet<string> = new Set(['undefined', 'null', '', '[object object]', 'nan']);

/** Whether `id` is such a value (any case; surrounding spaces ignored). */
export function isNoPartnerValue(id: string): boolean {
  return NO_PARTNER_VALUES.has(id.trim().toLowerCase());
}

/** The id a click without any referral cookie left in the link; undefined when none was seen. */
function withoutPartner(link: LinkRecord, cookie: CookieInfo | null): string | null | undefined {
  if (link.afterClickNoCookie !== undefined) return link.afterClickNoCookie;
  // An older capture, or a visitor's click: on an unreferred visit without the probe it is one.
  if (cookie === null && link.probe === undefined && wasClicked(link)) return link.afterClick;
  return undefined;
}

const CHECK_COOKIE_FIX =
  "Write the id only when there is a partner: read the partnero_partner cookie first and leave the link alone when it is missing (if (cookieValue) { url.searchParams.set('client_reference_id', decodeURIComponent(cookieValue)); link.href = url.href; }).";

function noPartnerFinding(link: LinkRecord, id: string): Draft {
  return {
    severity: 'error',
    message: `${describeLink(link)} gets client_reference_id ${quote(id, 40)} from a click without a referral cookie: the helper writes it without a partner, on every organic checkout${isValidReferenceId(id) ? ' (Stripe accepts it as a reference)' : ''}.`,
    fix: CHECK_COOKIE_FIX,
    target: linkTarget(link),
  };
}

export default defineRule('link.client-reference-id-invalid', ({ page, cookie }) =>
  page.links.flatMap((link): Draft[] => {
    const organic = withoutPartner(link, cookie);
    if (organic !== undefined && organic !== null && isNoPartnerValue(organic))
      return [noPartnerFinding(link, organic)];
    const id = effectiveId(link);
    if (id === null || isValidReferenceId(id) || echoesProbe(link)) return [];
    return [
      {
        severity: 'error',
        message: `${describeLink(link)} sends client_reference_id ${quote(id, 40)}, which ${referenceIdProblem(id)}: Stripe drops it silently.`,
        fix: 'Send only A-Z a-z 0-9 _ - (at most 200 characters): decode the cookie and do not add prefixes or spaces.',
        target: linkTarget(link),
      },
    ];
  }),
);
