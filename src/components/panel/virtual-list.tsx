/**
 * A list of fixed-height one-line rows that renders only the rows in view (10,000 events
 * stay fast). One tab stop; arrows, Page Up/Down, Home and End move the selection.
 */
import type { ComponentChild, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Index of the selected row; -1 for none. */
  selected: number;
  onSelect(index: number): void;
  renderRow(item: T, index: number): ComponentChild;
  /** A DOM id, unique in the page and stable for the item. */
  rowId(item: T): string;
  label: string;
  /** While scrolled to the bottom, stay there as rows arrive (a live log). */
  follow?: boolean;
  /** Extra class of a row (e.g. a page separator). */
  rowClass?(item: T): string;
}

/** Rows rendered above and below the visible ones, so fast scrolling shows no gap. */
const OVERSCAN = 10;
/** Until the list is measured (and in tests without layout). */
const FALLBACK_HEIGHT = 600;

/** The element's height, kept up to date (FALLBACK_HEIGHT until it has one). */
function useHeight(ref: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return height;
}

/**
 * The list's scroll position: it follows new rows while scrolled to the bottom (`follow`), and
 * scrolls the selected row into view.
 */
function useScroll(
  ref: RefObject<HTMLDivElement | null>,
  { count, follow, selected, rowHeight, height }: ScrollInputs,
): { scrollTop: number; onScroll(): void } {
  const atBottom = useRef(true);
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!follow || !el || !atBottom.current) return;
    el.scrollTop = el.scrollHeight;
    setScrollTop(el.scrollTop);
  }, [count, follow]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selected < 0) return;
    const top = selected * rowHeight;
    const view = el.clientHeight || height;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + view) el.scrollTop = top + rowHeight - view;
    else return;
    // The scroll event comes later (or never, without layout): render the new window now.
    setScrollTop(el.scrollTop);
  }, [selected, rowHeight]);

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
  };
  return { scrollTop, onScroll };
}

/** What the scroll position depends on. */
interface ScrollInputs {
  count: number;
  follow: boolean | undefined;
  selected: number;
  rowHeight: number;
  height: number;
}

/** The row a key moves the selection to (undefined: not a moving key); `page`: rows per page. */
function keyTarget(key: string, selected: number, count: number, page: number): number | undefined {
  const moves: Record<string, number> = {
    ArrowDown: selected + 1,
    ArrowUp: selected < 0 ? count - 1 : selected - 1,
    PageDown: selected + page,
    PageUp: selected - page,
    Home: 0,
    End: count - 1,
  };
  const target = moves[key];
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target));
}

/** The list: a listbox holding focus, with only the rows in view (and OVERSCAN more) rendered. */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, selected, onSelect, renderRow, rowId, label, follow, rowClass } = props;
  const ref = useRef<HTMLDivElement>(null);
  const height = useHeight(ref);
  const { scrollTop, onScroll } = useScroll(ref, {
    count: items.length,
    follow,
    selected,
    rowHeight,
    height,
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (!items.length) return;
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const target = keyTarget(e.key, selected, items.length, page);
    if (target === undefined) return;
    e.preventDefault();
    onSelect(target);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const active = selected >= 0 && selected < items.length ? rowId(items[selected] as T) : undefined;
  return (
    <div
      ref={ref}
      class="vlist"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div class="vlist-spacer" style={{ height: `${items.length * rowHeight}px` }}>
        {items.slice(first, last).map((item, k) => {
          const index = first + k;
          const id = rowId(item);
          return (
            // biome-ignore lint/a11y/useFocusableInteractive lint/a11y/useKeyWithClickEvents: listbox with aria-activedescendant: the list holds focus and handles the keys.
            <div
              key={id}
              id={id}
              role="option"
              aria-selected={index === selected}
              class={`vrow${index === selected ? ' selected' : ''} ${rowClass?.(item) ?? ''}`}
              style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
              onClick={() => onSelect(index)}
            >
              {renderRow(item, index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
