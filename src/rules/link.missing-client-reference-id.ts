/**
 * `link.missing-client-reference-id`: a Payment Link that would open checkout without the
 * partner key. It is an error only once proven: a click (the visitor's, or the click test's
 * with the visitor's cookie or the probe) ran the page's handlers without adding it. Until a
 * click has run, the link is only *not verified* (info). Links that get the id on click are
 * fine. The id counts only as Stripe parses the URL: one buried after a second `?` is missing.
 */
import { queryBurying } from '../detect/stripe';
import type { LinkRecord } from '../model/types';
import { describeLink, effectiveId, linkTarget, wasClicked } from './links';
import { type Draft, defineRule } from './rule';
import { frameSite, isCrossSiteFrame } from './site';
import { clip, quote } from './text';

/** The query a helper buried the id behind (`?locale=de`), after the click or as found. */
function buriedBehind(link: LinkRecord): string | null {
  return queryBurying(link.hrefAfterClick ?? '') ?? queryBurying(link.href ?? '');
}

function why(link: LinkRecord): string {
  const click = link.clickedBy === 'user' ? 'a click' : 'a test click';
  if (buriedBehind(link) !== null)
    return `${click} showed the page appends it after a second "?", inside another parameter`;
  return `${click} showed the page does not add it`;
}

const SEARCH_PARAMS_SET =
  "const url = new URL(link.href); url.searchParams.set('client_reference_id', decodeURIComponent(cookieValue)); link.href = url.href;";

/**
 * The fix once a click proved the id missing; `helperRan` when another link of the page got
 * the id on click: the page has a helper, which missed this link, so "add one" would be wrong.
 */
function fixFor(link: LinkRecord, pageUrl: string, helperRan: boolean): string {
  const query = buriedBehind(link);
  if (query !== null)
    return `The helper appends "?client_reference_id=" to a link that already has a query (${quote(query, 60)}): a URL has one "?", so Stripe reads the id as part of that parameter's value and gets none. Set it as a parameter instead: ${SEARCH_PARAMS_SET}`;
  if (isCrossSiteFrame(link.frame, pageUrl))
    return `This link is in a frame from another site (${clip(frameSite(link.frame), 60)}), which cannot read this page's partnero_partner cookie, so a helper inside the frame finds no key: hand the key in (append the decoded cookie as a URL parameter to the iframe's src, or postMessage it from this page) and have the frame's helper set client_reference_id from it, or move the Payment Links into this page.`;
  if (link.inShadowRoot)
    return "This link is inside a shadow root, where the helper's document.querySelectorAll cannot see it: listen for clicks on document and find the link with event.composedPath(), or run the helper inside the component.";
  if (link.frame !== 'top') return "Add Partnero's Payment Links helper inside the frame's page too.";
  if (link.addedLate)
    return 'This link was added after the page was parsed, when the helper had already run: bind the helper with a delegated click listener on document.';
  if (helperRan)
    return "The page's helper set client_reference_id on other Payment Links but not on this one: make its selector match every https://buy.stripe.com/ link (or bind it with a delegated click listener on document).";
  return "Add Partnero's Payment Links helper at the end of <body> on this page.";
}

const VERIFY =
  'Open the Partnero Inspector popup or panel on this page to test-click it (the page stays put), or tick Always test links on this site.';
const VERIFY_CLI =
  'Run the check without --no-click-test: it test-clicks every Payment Link (the page stays put).';

/**
 * A link nobody has clicked: not a problem yet, and how to verify it; an id already buried
 * behind a second "?" as found is explained as such (a click may still rewrite the link).
 */
function unverified(link: LinkRecord, pageUrl: string): Draft {
  const buried = buriedBehind(link) !== null;
  return {
    severity: 'info',
    unverified: true,
    message: `${describeLink(link)} is not verified yet: it has no client_reference_id now, and no click has run the page's handlers that would add one.`,
    fix: buried ? fixFor(link, pageUrl, false) : VERIFY,
    ...(buried ? {} : { cliFix: VERIFY_CLI }),
    target: linkTarget(link),
  };
}

/** A helper ran on this page: some Payment Link got its id from a click. */
function helperRanOn(links: readonly LinkRecord[]): boolean {
  return links.some((l) => l.kind === 'payment-link' && wasClicked(l) && effectiveId(l) !== null);
}

export default defineRule('link.missing-client-reference-id', ({ page }) => {
  const helperRan = helperRanOn(page.links);
  return page.links
    .filter((link) => link.kind === 'payment-link' && effectiveId(link) === null)
    .map((link) =>
      wasClicked(link)
        ? {
            severity: 'error',
            message: `${describeLink(link)} has no client_reference_id (${why(link)}).`,
            fix: fixFor(link, page.url, helperRan),
            target: linkTarget(link),
          }
        : unverified(link, page.url),
    );
});
