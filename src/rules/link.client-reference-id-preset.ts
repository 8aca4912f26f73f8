/** `link.client-reference-id-preset`: without a referral the link already carries an id — the merchant's own? */
import { describeLink, linkTarget } from './links';
import { defineRule } from './rule';
import { quote } from './text';

export default defineRule('link.client-reference-id-preset', ({ page, cookie }) =>
  cookie !== null
    ? []
    : page.links.flatMap((link) =>
        link.clientReferenceId === null || link.clientReferenceId === ''
          ? []
          : [
              {
                severity: 'info',
                message: `${describeLink(link)} already carries client_reference_id ${quote(link.clientReferenceId, 40)} on a visit without referral.`,
                fix: 'If you use client_reference_id for your own ids, Partnero attribution through it will conflict: pick one use.',
                target: linkTarget(link),
              },
            ],
      ),
);
