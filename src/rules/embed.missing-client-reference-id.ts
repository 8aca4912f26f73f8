/** `embed.missing-client-reference-id`: a Stripe buy button or pricing table without the partner key. */
import { describeLink, effectiveId, linkTarget } from './links';
import { defineRule } from './rule';

export default defineRule('embed.missing-client-reference-id', ({ page, cookie }) =>
  page.links
    .filter((link) => link.kind !== 'payment-link' && effectiveId(link) === null)
    .map((link) => ({
      severity: cookie === null ? 'warning' : 'error',
      message: `${describeLink(link)} has no client-reference-id attribute, so checkouts from it are not attributed.`,
      fix: 'Set client-reference-id on the element from the decoded partnero_partner cookie before it renders.',
      target: linkTarget(link),
    })),
);
