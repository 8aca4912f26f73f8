/** The referral cookie on each page of the journey, with the cookie findings. */

import { severityShown } from '../../panel/filter';
import { FindingList } from '../shared/finding-list';
import { CookieCard } from './cookie-card';
import { PageGroup } from './page-group';
import type { ViewContext } from './view-context';

export function CookieView({ ctx }: { ctx: ViewContext }) {
  return (
    <div class="scroll-view">
      {ctx.pages.map((page) => (
        <PageGroup key={page.n} page={page} live={page.n === ctx.livePage}>
          <div class="card">
            <CookieCard cookie={page.page.cookie} now={ctx.now} />
            <FindingList
              findings={page.findings.filter(
                (f) => f.rule.startsWith('cookie.') && severityShown(f.severity, ctx.toggles),
              )}
            />
          </div>
        </PageGroup>
      ))}
    </div>
  );
}
