/**
 * Payment Links and Stripe embeds of every journey page: frame, text, href, the
 * `client_reference_id` before and after a click, the status, and reveal / test click.
 */
import type { Finding, LinkRecord } from '../../model/types';
import { matchesText, severityShown } from '../../panel/filter';
import { frameLabel } from '../../panel/format';
import { afterClickText, linkStatus } from '../../panel/link-status';
import { LinkActions } from './link-actions';
import { PageGroup } from './page-group';
import type { ViewContext } from './view-context';

const COLUMNS = ['Frame', 'Text', 'href', 'client_reference_id', 'After click', 'Status', ''] as const;

function LinkRow({
  link,
  findings,
  live,
  ctx,
}: {
  link: LinkRecord;
  findings: Finding[];
  live: boolean;
  ctx: ViewContext;
}) {
  const status = linkStatus(link, findings);
  const cells = [
    // Where Partnero's helper cannot look: say so where the eye starts.
    link.inShadowRoot ? `${frameLabel(link.frame)} · shadow root` : frameLabel(link.frame),
    link.text || `<${link.kind}>`,
    link.href ?? link.kind,
    link.clientReferenceId ?? 'none',
    afterClickText(link),
  ];
  return (
    <tr class={link.removed ? 'removed' : undefined}>
      {cells.map((text, i) => (
        <td key={COLUMNS[i]} data-label={COLUMNS[i]} class={i === 1 ? undefined : 'mono'} title={text}>
          {text}
        </td>
      ))}
      <td
        data-label="Status"
        class={`tone-${status.tone}`}
        title={status.findings.map((f) => f.message).join('\n')}
      >
        {status.text}
      </td>
      <td class="cell-actions">
        <LinkActions link={link} live={live} actions={ctx.actions} />
      </td>
    </tr>
  );
}

function shown(link: LinkRecord, findings: Finding[], ctx: ViewContext): boolean {
  const status = linkStatus(link, findings);
  const tone = status.tone === 'ok' || status.tone === 'none' ? null : status.tone;
  const text = `${link.text} ${link.href ?? ''} ${link.selector} ${link.frame} ${link.clientReferenceId ?? ''} ${status.text}`;
  return severityShown(tone, ctx.toggles) && matchesText(text.toLowerCase(), ctx.query);
}

export function LinksView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {ctx.pages.map((journeyPage) => {
        const { n, page, findings } = journeyPage;
        const links = page.links.filter((l) => shown(l, findings, ctx));
        const live = n === ctx.livePage;
        return (
          <PageGroup key={n} page={journeyPage} live={live}>
            {links.length ? (
              <table class="links">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {links.map((link) => (
                    <LinkRow
                      key={`${link.frame}|${link.id}`}
                      link={link}
                      findings={findings}
                      live={live}
                      ctx={ctx}
                    />
                  ))}
                </tbody>
              </table>
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
