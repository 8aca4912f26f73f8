/** One-line rows of the timeline and of the network list (page separators included). */
import type { PanelEvent } from '../../panel/events';
import { formatAt, formatDuration } from '../../panel/format';
import { MARK } from './marks';

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
      <span class="cell-summary mono">{event.summary}</span>
    </>
  );
}

function SeverityCell({ event }: { event: PanelEvent }) {
  const severity = event.severity;
  return (
    <span class={`cell-sev sev-${severity ?? 'none'}`} title={severity ?? undefined}>
      {severity ? MARK[severity] : ''}
    </span>
  );
}

export function EventRow({ event }: { event: PanelEvent }) {
  if (isSeparator(event)) return <Separator event={event} />;
  return (
    <>
      <span class="cell-time mono">{formatAt(event.at)}</span>
      <SeverityCell event={event} />
      <span class={`cell-kind kind-${event.kind}`}>{event.kind}</span>
      <span class="cell-summary mono">{event.summary}</span>
    </>
  );
}

export function RequestRow({ event }: { event: PanelEvent }) {
  if (isSeparator(event) || event.kind !== 'request') return <Separator event={event} />;
  const r = event.request;
  const status = r.blocked ? 'blocked' : r.error ? 'failed' : (r.status ?? '…');
  return (
    <>
      <span class={`cell-status mono ${event.severity ? 'sev-error' : ''}`}>{status}</span>
      <span class="cell-method mono">{r.method}</span>
      <span class="cell-summary mono">{r.url}</span>
      <span class="cell-time mono">{r.duration === undefined ? '' : formatDuration(r.duration)}</span>
    </>
  );
}
