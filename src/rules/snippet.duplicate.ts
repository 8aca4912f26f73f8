/**
 * `snippet.duplicate`: the loader ran twice in one frame, or universal.js was fetched more
 * often than there are frames running the loader. Counted by executions and requests only:
 * pages often embed the snippet's text in data or docs, so its text proves nothing.
 */
import { type Draft, defineRule } from './rule';
import { scriptKind } from './urls';

const FIX = 'Keep one copy of the snippet per page (check the theme, tag manager and plugins).';

export default defineRule('snippet.duplicate', ({ page }) => {
  const runsPerFrame = new Map<string, number>();
  for (const { frame } of page.loaderRuns) runsPerFrame.set(frame, (runsPerFrame.get(frame) ?? 0) + 1);
  const findings: Draft[] = [...runsPerFrame]
    .filter(([, runs]) => runs > 1)
    .map(([frame, runs]) => ({
      severity: 'warning',
      message: `The Partnero loader ran ${runs} times in ${frame === 'top' ? 'the page' : 'a frame'}.`,
      fix: FIX,
      target: { frame },
    }));
  // Each frame with the loader fetches universal.js once, so iframes alone are no duplicate.
  const fetches = page.requests.filter(({ url }) => scriptKind(url) === 'universal');
  const [first] = fetches;
  if (findings.length === 0 && first !== undefined && fetches.length > Math.max(1, runsPerFrame.size)) {
    findings.push({
      severity: 'warning',
      message: `universal.js was requested ${fetches.length} times on one page load.`,
      fix: FIX,
      target: { href: first.url },
    });
  }
  return findings;
});
