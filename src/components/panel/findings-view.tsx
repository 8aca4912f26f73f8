/** The findings of each journey page, worded and grouped exactly as in the popup and the CLI. */
import type { Finding, PageState } from '../../model/types';
import { matchesText, severityShown } from '../../panel/filter';
import { waitingText } from '../../panel/watch';
import { hasLoader } from '../../store/page';
import { FindingList } from '../shared/finding-list';
import { PageGroup } from './page-group';
import type { ViewContext } from './view-context';

function shown(f: Finding, ctx: ViewContext): boolean {
  const text = `${f.rule} ${f.severity} ${f.message} ${f.fix ?? ''} ${f.target?.path ?? ''} ${f.target?.href ?? ''}`;
  return severityShown(f.severity, ctx.toggles) && matchesText(text.toLowerCase(), ctx.query);
}

/** Why a page has no findings: still watched, never watched, or nothing Partnero on it. */
function emptyText(page: PageState, now: number): string {
  const waiting = waitingText(page, now);
  if (waiting) return waiting;
  const traces = hasLoader(page) || page.links.length > 0 || page.cookie !== null;
  return traces
    ? 'No findings: everything checked is fine.'
    : 'No findings: no Partnero tracking on this page.';
}

/** The Findings tab: each page's findings, or why it has none. */
export function FindingsView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {ctx.pages.map((page) => {
        const findings = page.findings.filter((f) => shown(f, ctx));
        return (
          <PageGroup key={page.n} page={page} live={page.n === ctx.livePage}>
            {findings.length ? (
              <div class="card">
                <FindingList findings={findings} page={page.findings} />
              </div>
            ) : (
              <p class="muted empty">
                {page.findings.length ? 'No finding matches the filter.' : emptyText(page.page, ctx.now)}
              </p>
            )}
          </PageGroup>
        );
      })}
    </div>
  );
}
