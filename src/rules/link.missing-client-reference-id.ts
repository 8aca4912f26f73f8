/**
 * `link.missing-client-reference-id`: a Payment Link that would open checkout without the
 * partner key. It is an error only once proven: a cookie was there to copy and a click ran
 * the page's handlers without adding it. Links that get the id on click are fine.
 */
import type { LinkRecord } from '../model/types';
import { describeLink, effectiveId, linkTarget, wasClicked } from './links';
import { defineRule } from './rule';

function why(link: LinkRecord): string {
  if (!wasClicked(link)) return "not verified yet: no click has run the page's handlers";
  return `${link.clickedBy === 'user' ? 'a click' : 'a test click'} showed the page does not add it`;
}

function fixFor(link: LinkRecord): string {
  if (link.inShadowRoot)
    return "This link is inside a shadow root, where the helper's document.querySelectorAll cannot see it: listen for clicks on document and find the link with event.composedPath(), or run the helper inside the component.";
  if (link.frame !== 'top') return "Add Partnero's Payment Links helper inside the frame's page too.";
  if (link.addedLate)
    return 'This link was added after the page was parsed, when the helper had already run: bind the helper with a delegated click listener on document.';
  return "Add Partnero's Payment Links helper at the end of <body> on this page.";
}

export default defineRule('link.missing-client-reference-id', ({ page, cookie }) =>
  page.links
    .filter((link) => link.kind === 'payment-link' && effectiveId(link) === null)
    .map((link) => ({
      severity: cookie !== null && wasClicked(link) ? 'error' : 'warning',
      message: `${describeLink(link)} has no client_reference_id (${why(link)}).`,
      fix: fixFor(link),
      target: linkTarget(link),
    })),
);
