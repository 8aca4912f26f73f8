/**
 * The "?" next to the filter box: the syntax of src/panel/filter.ts and the kinds of rows,
 * each kind a button that adds `kind:<kind>` to the filter. Escape or a click outside closes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { EVENT_KINDS } from '../../panel/events';
import { FILTER_SYNTAX } from '../../panel/filter';

/** The syntax help button and its popover; `onKind` adds a kind to the filter. */
export function FilterHelp({ onKind }: { onKind(kind: string): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => root.current?.contains(e.target as Node) || setOpen(false);
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from the button or the help closes the help.
    <span class="filter-help" ref={root} onKeyDown={(e) => e.key === 'Escape' && open && setOpen(false)}>
      <button
        type="button"
        class="btn btn-help"
        aria-expanded={open}
        aria-controls="filter-syntax"
        aria-label="Filter syntax"
        title="Filter syntax"
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div id="filter-syntax" class="popover" role="dialog" aria-label="Filter syntax">
          <dl class="syntax">
            {FILTER_SYNTAX.map(([example, meaning]) => (
              <div key={example}>
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
          <p class="syntax-kinds">
            <span class="muted">Kinds:</span>
            {EVENT_KINDS.map((kind) => (
              <button key={kind} type="button" class="chip mono" onClick={() => onKind(kind)}>
                {kind}
              </button>
            ))}
          </p>
          <p class="muted">Words also filter the Links, Transactions and Findings tabs.</p>
        </div>
      )}
    </span>
  );
}
