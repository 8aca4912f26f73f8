/** One-line rows of the timeline and of the network list (page separators included). */
import { linkLabel, requestAround, requestStatus } from '../../panel/describe';
import type { PanelEvent } from '../../panel/events';
import { formatAt, formatDuration, middleTail } from '../../panel/format';
import { Mark } from '../shared/mark';
import { MiddleEllipsis } from '../shared/middle-ellipsis';
import { ShortValue } from '../shared/short-value';

const isSeparator = (e: PanelEvent) => e.kind === 'navigation' && e.separator;

/** Row class for the virtual list: separators look like section headings. */
export function rowClass(e: PanelEvent): string {
  if (isSeparator(e)) return 'row-separator';
  return e.kind === 'finding' && e.resolved ? 'row-resolved' : `row-${e.severity ?? 'plain'}`;
}

function Separator({ event }: { event: PanelEvent }) {
  return (
    <>
      <span class="sep-label">Page {event.pageN}</span>
      <span class="cell-summary cell-parts mono">
        <ShortValue text={event.summary} />
      </span>
    </>
  );
}

/** When it happened, or a dash saying the time is not known (it came before the panel looked). */
function TimeCell({ at }: { at: number }) {
  const known = Number.isFinite(at);
  const title = known
    ? `${formatAt(at)} after the page started`
    : 'Time not known: it was there before the panel saw the page';
  return (
    <span class="cell-time mono" title={title}>
      {formatAt(at)}
    </span>
  );
}

/**
 * A row text around a value shortened in the middle: what follows the value goes with its
 * tail (a URL keeps its end and the duration after it), and the hover shows the value.
 */
function Parts({ before, value, after = '' }: { before: string; value: string; after?: string }) {
  return (
    <span class="cell-summary cell-parts mono">
      <span class="part-fixed">{before}</span>
      <MiddleEllipsis text={value + after} keep={middleTail(value) + after.length} full={value} />
    </span>
  );
}

/** The row text; a finding's rule id follows its sentence, small. */
function Summary({ event }: { event: PanelEvent }) {
  if (event.kind === 'request') {
    const [before, after] = requestAround(event.request);
    return <Parts before={before} value={event.request.url} after={after} />;
  }
  if (event.kind === 'link' && event.change === 'found')
    return <Parts before={`${linkLabel(event.link)} `} value={event.link.href ?? event.link.selector} />;
  if (event.kind === 'finding')
    return (
      <>
        <span class="cell-summary">{event.summary}</span>
        <code class="cell-rule">{event.finding.rule}</code>
      </>
    );
  return <span class="cell-summary mono">{event.summary}</span>;
}

/** A timeline row: time, mark, kind and what happened (a page separator as a heading). */
export function EventRow({ event }: { event: PanelEvent }) {
  if (isSeparator(event)) return <Separator event={event} />;
  return (
    <>
      <TimeCell at={event.at} />
      <span class="cell-sev">{event.mark && <Mark kind={event.mark} />}</span>
      <span class={`cell-kind kind-${event.kind}`}>{event.kind}</span>
      <Summary event={event} />
    </>
  );
}

/** A Network row: status, method, URL (its end kept) and duration. */
export function RequestRow({ event }: { event: PanelEvent }) {
  if (isSeparator(event) || event.kind !== 'request') return <Separator event={event} />;
  const r = event.request;
  const status = r.blocked
    ? 'blocked'
    : r.error
      ? 'failed'
      : r.status === undefined && r.duration === undefined
        ? '…'
        : requestStatus(r);
  return (
    <>
      <span class={`cell-status mono ${event.severity ? 'sev-error' : ''}`}>{status}</span>
      <span class="cell-method mono">{r.method}</span>
      <span class="cell-summary cell-parts mono">
        <ShortValue text={r.url} />
      </span>
      <span class="cell-time mono">{r.duration === undefined ? '' : formatDuration(r.duration)}</span>
    </>
  );
}
