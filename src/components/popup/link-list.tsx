/**
 * The Payment Links and Stripe embeds of the page, under the checklist's links row: which
 * passed, which are broken or risky, which nobody has verified yet, and what a click gave.
 */
import type { Finding, LinkRecord } from '../../model/types';
import { frameLabel } from '../../panel/format';
import { afterClickText, linkStatus } from '../../panel/link-status';
import { Mark } from '../shared/mark';
import { ShortValue } from '../shared/short-value';

/** A link without visible text is named by its kind; an embed has no href, only its tag. */
const KIND: Record<LinkRecord['kind'], { label: string; tag: string }> = {
  'payment-link': { label: 'Payment Link', tag: 'a' },
  'buy-button': { label: 'Buy Button', tag: 'stripe-buy-button' },
  'pricing-table': { label: 'Pricing Table', tag: 'stripe-pricing-table' },
};

/** The id a click gave the link, or the one it carries while nobody has clicked it. */
function idText(link: LinkRecord): string {
  if (link.afterClick !== undefined) return `id after click: ${afterClickText(link)}`;
  if (link.clientReferenceId) return `id: ${link.clientReferenceId}`;
  return link.kind === 'payment-link' ? 'not clicked yet' : 'no id';
}

/** Where the link sits when that is not simply the page itself. */
function placeText(link: LinkRecord): string {
  const frame = link.frame === 'top' ? [] : [`in frame ${frameLabel(link.frame)}`];
  return [...frame, ...(link.inShadowRoot ? ['in a shadow root'] : [])].join(' · ');
}

function LinkItem({ link, findings }: { link: LinkRecord; findings: readonly Finding[] }) {
  const status = linkStatus(link, findings);
  const address = link.href ? frameLabel(link.href) : `<${KIND[link.kind].tag}>`;
  const facts = [idText(link), placeText(link)].filter(Boolean).join(' · ');
  return (
    <li class={`link status-${status.mark}`} data-link={link.id}>
      <Mark kind={status.mark} />
      <div class="link-body">
        <span class="link-title">
          <span class="link-label page-text">{link.text || KIND[link.kind].label}</span>
          <span class="link-status">{status.words}</span>
        </span>
        <span class="link-href mono">
          <ShortValue text={address} full={link.href ?? address} />
        </span>
        <span class="link-facts page-text" title={facts}>
          {facts}
        </span>
      </div>
    </li>
  );
}

/** Every link of the page in page order; `findings`: the row's, which name the links they are about. */
export function LinkList({
  links,
  findings,
}: {
  links: readonly LinkRecord[];
  findings: readonly Finding[];
}) {
  return (
    <ul class="links" aria-label="Payment Links on this page">
      {links.map((link) => (
        <LinkItem key={link.id} link={link} findings={findings} />
      ))}
    </ul>
  );
}
