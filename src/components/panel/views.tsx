/** The tabs of the panel: their labels and counts, and the view each one shows. */
import { useMemo } from 'preact/hooks';
import type { LogState } from '../../panel/events';
import { carriesPayload } from '../../panel/fields';
import { filterEvents } from '../../panel/filter';
import { summarize } from '../../report/severity';
import { CookieView } from './cookie-view';
import { EventLog } from './event-log';
import { EventRow, RequestRow } from './event-row';
import { FindingsView } from './findings-view';
import { LinksView } from './links-view';
import type { TabInfo } from './tab-bar';
import { TransactionsView } from './transactions-view';
import type { ViewContext } from './view-context';

export const TAB_IDS = ['timeline', 'transactions', 'links', 'cookie', 'network', 'findings'] as const;
export type TabId = (typeof TAB_IDS)[number];

export function tabInfos(log: LogState): TabInfo<TabId>[] {
  const pages = log.pages;
  const sum = (count: (p: (typeof pages)[number]) => number) => pages.reduce((n, p) => n + count(p), 0);
  const { errors, warnings, infos } = summarize(pages.flatMap((p) => p.findings));
  return [
    { id: 'timeline', label: 'Timeline', count: log.events.length },
    {
      id: 'transactions',
      label: 'Transactions',
      count: sum((p) => p.page.calls.filter(carriesPayload).length),
    },
    { id: 'links', label: 'Links', count: sum((p) => p.page.links.length) },
    { id: 'cookie', label: 'Cookie' },
    { id: 'network', label: 'Network', count: sum((p) => p.page.requests.length) },
    {
      id: 'findings',
      label: 'Findings',
      count: errors + warnings + infos,
      tone: errors ? 'error' : warnings ? 'warning' : null,
    },
  ];
}

export interface Selection {
  timeline: number | null;
  network: number | null;
}

const TIMELINE_HEADER = (
  <div class="list-header" aria-hidden="true">
    <span class="cell-time">Time</span>
    <span class="cell-sev" />
    <span class="cell-kind">Kind</span>
    <span class="cell-summary">Event</span>
  </div>
);

const NETWORK_HEADER = (
  <div class="list-header" aria-hidden="true">
    <span class="cell-status">Status</span>
    <span class="cell-method">Method</span>
    <span class="cell-summary">URL</span>
    <span class="cell-time">Time</span>
  </div>
);

export function ActiveView(props: {
  tab: TabId;
  log: LogState;
  filter: string;
  ctx: ViewContext;
  selection: Selection;
  onSelect(s: Selection): void;
}) {
  const { tab, log, filter, ctx, selection, onSelect } = props;
  const only = tab === 'network' ? (['request'] as const) : undefined;
  const events = useMemo(
    () => filterEvents(log.events, filter, ctx.toggles, only),
    [log.events, filter, ctx.toggles, tab],
  );
  const waiting = log.pages.length ? 'No events match.' : 'Waiting for the inspected tab…';
  switch (tab) {
    case 'timeline':
      return (
        <EventLog
          events={events}
          ctx={ctx}
          Row={EventRow}
          idPrefix="ev"
          label="Timeline"
          header={TIMELINE_HEADER}
          empty={waiting}
          selectedSeq={selection.timeline}
          onSelect={(seq) => onSelect({ ...selection, timeline: seq })}
        />
      );
    case 'network':
      return (
        <EventLog
          events={events}
          ctx={ctx}
          Row={RequestRow}
          idPrefix="net"
          label="Partnero requests"
          header={NETWORK_HEADER}
          empty={waiting}
          selectedSeq={selection.network}
          onSelect={(seq) => onSelect({ ...selection, network: seq })}
        />
      );
    case 'transactions':
      return <TransactionsView ctx={ctx} />;
    case 'links':
      return <LinksView ctx={ctx} />;
    case 'cookie':
      return <CookieView ctx={ctx} />;
    case 'findings':
      return <FindingsView ctx={ctx} />;
  }
}
