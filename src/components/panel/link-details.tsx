/** Everything known about one Payment Link or embed, with its findings and actions. */
import type { LinkRecord } from '../../model/types';
import { frameLabel } from '../../panel/format';
import { afterClickText, linkStatus } from '../../panel/link-status';
import { FindingList } from '../shared/finding-list';
import { ShortValue } from '../shared/short-value';
import { CopyButton } from './copy-button';
import { LinkActions } from './link-actions';
import { PropList } from './prop-list';
import { StatusWords } from './status-words';
import { pageOf, unreachable, type ViewContext } from './view-context';

/** A URL on one line; undefined stays undefined (the row is left out). */
const url = (value: string | null | undefined) => (value ? <ShortValue text={value} /> : undefined);

/** The details pane of a link row: its status, values, findings and actions. */
export function LinkDetails({ link, pageN, ctx }: { link: LinkRecord; pageN: number; ctx: ViewContext }) {
  const status = linkStatus(link, pageOf(ctx, pageN)?.findings ?? []);
  return (
    <>
      <div class="details-actions">
        <LinkActions link={link} unreachable={unreachable(ctx, pageN)} actions={ctx.actions} />
        {link.href && <CopyButton text={() => link.href ?? ''} label="Copy href" />}
      </div>
      <PropList
        rows={[
          ['Status', <StatusWords status={status} />],
          ['Kind', link.kind],
          ['Text', link.text || '(none)'],
          ['Frame', url(frameLabel(link.frame)), true],
          ['Selector', link.selector, true],
          ['href', url(link.href), true],
          ['client_reference_id', link.clientReferenceId ?? 'none', true],
          ['After click', afterClickText(link), true],
          ['href after click', url(link.hrefAfterClick), true],
          ['Probe cookie', link.probe, true],
          [
            'Click without cookie',
            link.afterClickNoCookie === undefined ? undefined : (link.afterClickNoCookie ?? 'none'),
            true,
          ],
          ['Added after parsing', link.addedLate ? 'yes' : undefined],
          ['In a shadow root', link.inShadowRoot ? 'yes' : undefined],
        ]}
      />
      <FindingList findings={status.findings} />
    </>
  );
}
