/** The findings of each journey page, worded and grouped exactly as in the popup and the CLI. */
import type { Finding } from '../../model/types';
import { matchesText, severityShown } from '../../panel/filter';
import { FindingList } from '../shared/finding-list';
import { PageGroup } from './page-group';
import type { ViewContext } from './view-context';

function shown(f: Finding, ctx: ViewContext): boolean {
  const text = `${f.rule} ${f.severity} ${f.message} ${f.fix ?? ''} ${f.target?.path ?? ''} ${f.target?.href ?? ''}`;
  return severityShown(f.severity, ctx.toggles) && matchesText(text.toLowerCase(), ctx.query);
}

export function FindingsView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {ctx.pages.map((page) => {
        const findings = page.findings.filter((f) => shown(f, ctx));
        return (
          <PageGroup key={page.n} page={page} live={page.n === ctx.livePage}>
            {findings.length ? (
              <div class="card">
                <FindingList findings={findings} />
              </div>
            ) : (
              <p class="muted empty">
                {page.findings.length
                  ? 'No finding matches the filter.'
                  : page.page.watchEnded
                    ? 'No findings.'
                    : 'No findings yet: still watching the page…'}
              </p>
            )}
          </PageGroup>
        );
      })}
    </div>
  );
}
