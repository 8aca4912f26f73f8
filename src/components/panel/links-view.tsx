/**
 * Payment Links and Stripe embeds of every journey page: text, href, the
 * `client_reference_id` before and after a click, the status in words, reveal / test click;
 * the frame too when one of the page's links is in a frame or a shadow root.
 */
import type { ComponentChild } from 'preact';
import type { Finding, LinkRecord } from '../../model/types';
import { matchesText, severityShown } from '../../panel/filter';
import { frameLabel } from '../../panel/format';
import { afterClickText, linkStatus } from '../../panel/link-status';
import { worstSeverity } from '../../report/severity';
import { ShortValue } from '../shared/short-value';
import { LinkActions } from './link-actions';
import { PageGroup } from './page-group';
import { StatusWords } from './status-words';
import { unreachable, type ViewContext } from './view-context';

const COLUMNS = ['Frame', 'Text', 'href', 'client_reference_id', 'After click', 'Status'] as const;
type Column = (typeof COLUMNS)[number];
/** The class of each column (widths), and whether its values are code. */
const COLUMN_CLASS: Record<Column, string> = {
  Frame: 'col-frame mono',
  Text: 'col-text',
  href: 'col-href mono',
  client_reference_id: 'col-id mono',
  'After click': 'col-after mono',
  Status: 'col-status',
};

/** Only the top frame, outside shadow roots: the Frame column would say `top` on every row. */
const allTop = (links: readonly LinkRecord[]) => links.every((l) => l.frame === 'top' && !l.inShadowRoot);

function cellsOf(link: LinkRecord, findings: Finding[]): Record<Column, [ComponentChild, string?]> {
  const frame = frameLabel(link.frame);
  // Where Partnero's helper cannot look: say so where the eye starts.
  const where = link.inShadowRoot ? `${frame} · shadow root` : frame;
  return {
    Frame: [where, where],
    Text: [link.text || `<${link.kind}>`, link.text || undefined],
    href: [<ShortValue text={link.href ?? link.kind} />],
    client_reference_id: [link.clientReferenceId ?? 'none', link.clientReferenceId ?? undefined],
    'After click': [afterClickText(link), afterClickText(link)],
    Status: [<StatusWords status={linkStatus(link, findings)} />],
  };
}

function LinkRow(props: {
  link: LinkRecord;
  findings: Finding[];
  columns: Column[];
  why: string | null;
  ctx: ViewContext;
}) {
  const { link, findings, columns, why, ctx } = props;
  const cells = cellsOf(link, findings);
  return (
    <tr class={link.removed ? 'removed' : undefined}>
      {columns.map((label) => (
        <td key={label} data-label={label} class={COLUMN_CLASS[label]} title={cells[label][1]}>
          <span class="cell-value">{cells[label][0]}</span>
        </td>
      ))}
      <td class="cell-actions">
        <LinkActions link={link} unreachable={why} actions={ctx.actions} />
      </td>
    </tr>
  );
}

function LinkTable({
  links,
  findings,
  pageN,
  ctx,
}: {
  links: LinkRecord[];
  findings: Finding[];
  pageN: number;
  ctx: ViewContext;
}) {
  const columns = COLUMNS.filter((c) => c !== 'Frame' || !allTop(links));
  return (
    <table class="links">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col" class={COLUMN_CLASS[c]}>
              {c}
            </th>
          ))}
          <th scope="col" class="col-actions">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <LinkRow
            key={`${link.frame}|${link.id}`}
            link={link}
            findings={findings}
            columns={columns}
            why={unreachable(ctx, pageN)}
            ctx={ctx}
          />
        ))}
      </tbody>
    </table>
  );
}

function shown(link: LinkRecord, findings: Finding[], ctx: ViewContext): boolean {
  const status = linkStatus(link, findings);
  const text = `${link.text} ${link.href ?? ''} ${link.selector} ${link.frame} ${link.clientReferenceId ?? ''} ${status.words}`;
  return (
    severityShown(worstSeverity(status.findings), ctx.toggles) && matchesText(text.toLowerCase(), ctx.query)
  );
}

/** The Links tab: a table (cards when narrow) of each page's Payment Links and embeds. */
export function LinksView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {ctx.pages.map((journeyPage) => {
        const { n, page, findings } = journeyPage;
        const links = page.links.filter((l) => shown(l, findings, ctx));
        return (
          <PageGroup key={n} page={journeyPage} live={n === ctx.livePage}>
            {links.length ? (
              <LinkTable links={links} findings={findings} pageN={n} ctx={ctx} />
            ) : (
              <p class="muted empty">
                No Payment Link or Stripe embed{page.links.length ? ' matches the filter' : ''}.
              </p>
            )}
          </PageGroup>
        );
      })}
    </div>
  );
}
