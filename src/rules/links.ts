/** Payment Links and embeds as the link rules see them. */
import type { FindingTarget, LinkRecord } from '../model/types';
import { clip, quote } from './text';

/** Payment Links in test mode start with this. */
export const TEST_LINK_PREFIX = 'https://buy.stripe.com/test_';

/** The link was clicked (by the user or the click test) and the page's handlers ran. */
export function wasClicked(link: LinkRecord): boolean {
  return link.afterClick !== undefined;
}

/** The id checkout would receive: after the click when one happened, else as found. */
export function effectiveId(link: LinkRecord): string | null {
  const id = wasClicked(link) ? link.afterClick : link.clientReferenceId;
  return id === undefined || id === null || id === '' ? null : id;
}

/**
 * The click test had to plant a probe cookie (the visit had none) and the page's handlers
 * copied it into the link: proof the integration works, not a real partner id.
 */
export function echoesProbe(link: LinkRecord): boolean {
  return link.probe !== undefined && wasClicked(link) && link.afterClick === link.probe;
}

/** Where the finding points: the element in its frame, and its href as found in the DOM. */
export function linkTarget(link: LinkRecord): FindingTarget {
  return { selector: link.selector, frame: link.frame, ...(link.href === null ? {} : { href: link.href }) };
}

const KIND_NAMES = {
  'payment-link': 'Payment Link',
  'buy-button': '<stripe-buy-button>',
  'pricing-table': '<stripe-pricing-table>',
} as const;

/** "Payment Link "Buy now" (https://buy.stripe.com/…) in a frame" — enough to find it on the page. */
export function describeLink(link: LinkRecord): string {
  const text = link.text.trim() === '' ? '' : ` ${quote(link.text, 40)}`;
  const href = link.href === null ? '' : ` (${clip(link.href, 60)})`;
  const where = link.frame === 'top' ? '' : ' in a frame';
  return `${KIND_NAMES[link.kind]}${text}${href}${where}`;
}
