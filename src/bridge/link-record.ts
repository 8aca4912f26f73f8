/**
 * One Payment Link or Stripe embed as the bridge reports it: what kind of element it is, its
 * record, and what a record passes on to the element that takes its place.
 */
import { clientReferenceIdOf, isPaymentLink } from '../detect/stripe';
import type { LinkKind, LinkRecord } from '../model/types';
import { cap, LIMITS } from './limits';

/** What a click leaves on a record (see markClicked); `clickedAt` is set by the store. */
const CLICK_KEYS = [
  'afterClick',
  'hrefAfterClick',
  'clickedBy',
  'probe',
  'afterClickNoCookie',
  'hrefAfterClickNoCookie',
  'clickedAt',
] as const;

/** The outcome of one click on a link, as the bridge records it. */
export type ClickOutcome = Pick<LinkRecord, Exclude<(typeof CLICK_KEYS)[number], 'clickedAt'>>;

/** The kind of a candidate element; null for an anchor that is not a Payment Link. */
export function kindOf(el: Element): LinkKind | null {
  if (el.localName === 'a') return isPaymentLink((el as HTMLAnchorElement).href) ? 'payment-link' : null;
  if (el.localName === 'stripe-buy-button') return 'buy-button';
  if (el.localName === 'stripe-pricing-table') return 'pricing-table';
  return null;
}

/**
 * The record of `el` under `id`, carrying over what `prev` (its record so far) knew: the
 * href and id it had before a click, and whether it came late.
 */
export function describe(
  el: Element,
  kind: LinkKind,
  id: string,
  frame: string,
  selector: string,
  prev: LinkRecord | undefined,
  late: boolean,
): LinkRecord {
  // The id is read from the full href: a long link must not lose it to the cap.
  const fullHref = kind === 'payment-link' ? (el as HTMLAnchorElement).href : null;
  const href = fullHref === null ? null : cap(fullHref);
  const crid = fullHref !== null ? clientReferenceIdOf(fullHref) : el.getAttribute('client-reference-id');
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const label =
    kind === 'payment-link'
      ? text
      : (el.getAttribute('buy-button-id') ?? el.getAttribute('pricing-table-id') ?? '');
  return {
    ...prev,
    id,
    kind,
    frame,
    selector,
    text: cap(label, LIMITS.label),
    // Once clicked, `href` and `clientReferenceId` keep what the link carried before the
    // page's handlers ran (the click's outcome is in `hrefAfterClick` / `afterClick`).
    href: prev?.afterClick !== undefined ? prev.href : href,
    clientReferenceId:
      prev?.afterClick !== undefined ? prev.clientReferenceId : crid === null ? null : cap(crid),
    addedLate: prev ? prev.addedLate : late,
    ...(el.getRootNode() !== el.ownerDocument && { inShadowRoot: true }),
    removed: undefined,
  };
}

/** Links that may be the same one re-rendered: the same kind, and the same href for a Payment Link. */
export function likeness(kind: LinkKind, href: string | null): string {
  return kind === 'payment-link' ? `${kind} ${href}` : kind;
}

/**
 * A removed link's record, for the element that took its place: that element came late. A
 * click on a link that came late tells of its re-rendered copies too; a click on the one
 * parsed with the page does not (a helper bound then never saw the copy).
 */
export function inherited(prev: LinkRecord): LinkRecord {
  if (prev.addedLate) return prev;
  const rec: LinkRecord = { ...prev, addedLate: true };
  for (const key of CLICK_KEYS) delete rec[key];
  return rec;
}
