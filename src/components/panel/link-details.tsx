/** Everything known about one Payment Link or embed, with its findings and actions. */
import type { LinkRecord } from '../../model/types';
import { frameLabel } from '../../panel/format';
import { afterClickText, linkStatus } from '../../panel/link-status';
import { FindingList } from '../shared/finding-list';
import { LinkActions } from './link-actions';
import { PropList } from './prop-list';
import { pageOf, type ViewContext } from './view-context';

export function LinkDetails({ link, pageN, ctx }: { link: LinkRecord; pageN: number; ctx: ViewContext }) {
  const status = linkStatus(link, pageOf(ctx, pageN)?.findings ?? []);
  return (
    <>
      <div class="details-actions">
        <LinkActions link={link} live={ctx.livePage === pageN} actions={ctx.actions} />
      </div>
      <PropList
        rows={[
          ['Kind', link.kind],
          ['Text', link.text || '(none)'],
          ['Frame', frameLabel(link.frame), true],
          ['Selector', link.selector, true],
          ['href', link.href ?? undefined, true],
          ['client_reference_id', link.clientReferenceId ?? 'none', true],
          ['After click', afterClickText(link), true],
          ['href after click', link.hrefAfterClick, true],
          ['Probe cookie', link.probe, true],
          [
            'Click without cookie',
            link.afterClickNoCookie === undefined ? undefined : (link.afterClickNoCookie ?? 'none'),
            true,
          ],
          ['Added after parsing', link.addedLate ? 'yes' : undefined],
          ['In a shadow root', link.inShadowRoot ? 'yes' : undefined],
          ['Status', <span class={`tone-${status.tone}`}>{status.text}</span>],
        ]}
      />
      <FindingList findings={status.findings} />
    </>
  );
}
