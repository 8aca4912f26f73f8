/** A label/value list (DevTools "Headers" style); rows whose value is undefined are left out. */
import type { ComponentChild } from 'preact';

export type PropRow = readonly [label: string, value: ComponentChild | undefined, mono?: boolean];

export function PropList({ rows }: { rows: readonly PropRow[] }) {
  return (
    <dl class="props">
      {rows
        .filter(([, value]) => value !== undefined)
        .map(([label, value, mono]) => (
          <div class="prop" key={label}>
            <dt>{label}</dt>
            <dd class={mono ? 'mono' : undefined}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
