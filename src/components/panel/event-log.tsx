/**
 * A virtual list of events with a details pane for the selected one (like the Network
 * panel): the Timeline and the Network tab. Selection follows the event, not its index, so
 * it survives filtering and new rows.
 */
import type { ComponentChild, ComponentType } from 'preact';
import type { PanelEvent } from '../../panel/events';
import { indexOfSeq } from '../../panel/log';
import { EventDetails } from './event-details';
import { rowClass } from './event-row';
import type { ViewContext } from './view-context';
import { VirtualList } from './virtual-list';

/** Fixed row height (px): rows are one line, details open in the pane. */
export const ROW_HEIGHT = 22;

export interface EventLogProps {
  events: readonly PanelEvent[];
  ctx: ViewContext;
  Row: ComponentType<{ event: PanelEvent }>;
  /** DOM id prefix of rows, unique per list. */
  idPrefix: string;
  label: string;
  selectedSeq: number | null;
  onSelect(seq: number | null): void;
  empty: ComponentChild;
  /** Column titles above the list. */
  header?: ComponentChild;
}

export function EventLog({
  events,
  ctx,
  Row,
  idPrefix,
  label,
  selectedSeq,
  onSelect,
  empty,
  header,
}: EventLogProps) {
  const index = selectedSeq === null ? -1 : indexOfSeq(events, selectedSeq);
  const selected = index >= 0 ? events[index] : undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && selected) {
      e.preventDefault();
      onSelect(null);
    }
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape bubbling from the list or the details pane closes the pane.
    <div class={`split${selected ? ' with-details' : ''}`} onKeyDown={onKeyDown}>
      <div class="split-list">
        {header}
        {events.length ? (
          <VirtualList
            items={events}
            rowHeight={ROW_HEIGHT}
            selected={index}
            onSelect={(i) => onSelect(events[i]?.seq ?? null)}
            renderRow={(event) => <Row event={event} />}
            rowId={(event) => `${idPrefix}-${event.seq}`}
            rowClass={rowClass}
            label={label}
            follow
          />
        ) : (
          <div class="empty muted">{empty}</div>
        )}
      </div>
      {selected && <EventDetails event={selected} ctx={ctx} onClose={() => onSelect(null)} />}
    </div>
  );
}
