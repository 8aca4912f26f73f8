/**
 * A label/value list (DevTools "Headers" style); rows whose value is undefined are left out.
 * A code value (`mono`) stays on one line, cut short on screen and whole on hover; sentences wrap.
 */
import type { ComponentChild } from 'preact';

export type PropRow = readonly [label: string, value: ComponentChild | undefined, mono?: boolean];

/** The rows as a label/value list, leaving out those without a value. */
export function PropList({ rows }: { rows: readonly PropRow[] }) {
  return (
    <dl class="props">
      {rows
        .filter(([, value]) => value !== undefined)
        .map(([label, value, mono]) => (
          <div class="prop" key={label}>
            <dt>{label}</dt>
            <dd
              class={mono ? 'mono one-line' : undefined}
              title={mono && typeof value === 'string' ? value : undefined}
            >
              {value}
            </dd>
          </div>
        ))}
    </dl>
  );
}
