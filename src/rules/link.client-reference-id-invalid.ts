/** `link.client-reference-id-invalid`: the id the link would send is one Stripe silently drops. */
import { describeLink, echoesProbe, effectiveId, linkTarget } from './links';
import { defineRule } from './rule';
import { isValidReferenceId, referenceIdProblem } from './stripe';
import { quote } from './text';

export default defineRule('link.client-reference-id-invalid', ({ page }) =>
  page.links.flatMap((link) => {
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
