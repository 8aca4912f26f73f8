/** A journey page as a section heading in the structured tabs (Transactions, Links, …). */
import type { ComponentChildren } from 'preact';
import type { JourneyPage } from '../../panel/events';
import { ShortValue } from '../shared/short-value';

/** A journey page's section in a structured tab: its number, URL (its end kept) and whether it is live. */
export function PageGroup({
  page,
  live,
  children,
}: {
  page: JourneyPage;
  live: boolean;
  children: ComponentChildren;
}) {
  return (
    <section class="page-group" aria-label={`Page ${page.n}`}>
      <h3 class="page-heading">
        <span class="sep-label">Page {page.n}</span>
        <span class="mono page-url">
          <ShortValue text={page.page.url || '(no URL yet)'} />
        </span>
        {live && <span class="live-badge">live</span>}
      </h3>
      {children}
    </section>
  );
}
