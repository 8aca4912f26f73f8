/** The panel's tabs: one tab stop, arrow keys / Home / End move between tabs (WAI-ARIA tabs). */
import { useRef } from 'preact/hooks';

export interface TabInfo<Id extends string> {
  id: Id;
  label: string;
  /** Shown after the label (rows, findings, …); omitted when undefined. */
  count?: number;
  /** Marks the tab when it holds a problem of this tone. */
  tone?: 'error' | 'warning' | null;
}

export function TabBar<Id extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: readonly TabInfo<Id>[];
  active: Id;
  onChange(id: Id): void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const moves: Record<string, number> = {
      ArrowRight: i + 1,
      ArrowLeft: i - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.id);
    list.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Views" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === active}
          aria-controls={`view-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          class={`tab${t.tone ? ` tab-${t.tone}` : ''}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
          {t.count !== undefined && <span class="tab-count">{t.count}</span>}
        </button>
      ))}
    </div>
  );
}
