/** The details pane of the selected timeline row, by kind of event. */
import type { PanelEvent } from '../../panel/events';
import { FindingList } from '../shared/finding-list';
import { ShortValue } from '../shared/short-value';
import { CallDetails } from './call-details';
import { CookieCard } from './cookie-card';
import { LinkDetails } from './link-details';
import { PropList } from './prop-list';
import { RequestDetails } from './request-details';
import { pageOf, type ViewContext } from './view-context';

function PageDetails({ event, ctx }: { event: PanelEvent & { kind: 'navigation' }; ctx: ViewContext }) {
  const page = pageOf(ctx, event.pageN);
  if (!event.separator)
    return (
      <PropList
        rows={[
          ['Navigated to', <ShortValue text={event.url} />, true],
          ['Server redirect', event.serverRedirect ? 'yes' : undefined],
        ]}
      />
    );
  return (
    <PropList
      rows={[
        ['Page', `${event.pageN} of the journey`],
        ['URL', <ShortValue text={event.url} />, true],
        ['po calls', page && String(page.page.calls.length)],
        ['Findings', page && String(page.findings.length)],
      ]}
    />
  );
}

function Body({ event, ctx }: { event: PanelEvent; ctx: ViewContext }) {
  switch (event.kind) {
    case 'call':
    case 'transaction':
      return <CallDetails call={event.call} index={event.index} pageN={event.pageN} ctx={ctx} />;
    case 'request':
      return <RequestDetails request={event.request} />;
    case 'link':
      return <LinkDetails link={event.link} pageN={event.pageN} ctx={ctx} />;
    case 'cookie':
      return <CookieCard cookie={event.cookie} now={ctx.now} />;
    case 'finding':
      return (
        <>
          {event.resolved && <p class="muted">No longer reported: resolved since.</p>}
          <FindingList findings={[event.finding]} />
        </>
      );
    case 'navigation':
      return <PageDetails event={event} ctx={ctx} />;
  }
}

/** The details pane of the selected row, with its kind and summary as a heading. */
export function EventDetails({
  event,
  ctx,
  onClose,
}: {
  event: PanelEvent;
  ctx: ViewContext;
  onClose(): void;
}) {
  return (
    <section class="details" aria-label="Details">
      <header class="details-head">
        <span class={`cell-kind kind-${event.kind}`}>{event.kind}</span>
        <span class="details-title mono" title={event.summary}>
          {event.summary}
        </span>
        <button
          type="button"
          class="btn-icon"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div class="details-body">
        <Body event={event} ctx={ctx} />
      </div>
    </section>
  );
}
