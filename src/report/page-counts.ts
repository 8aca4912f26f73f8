/**
 * What one page's row counts in the tabular reports (the audit's terminal table, the CI job
 * summary): loader present, links fine / with a problem, root errors and warnings.
 */
import type { Severity } from '../model/types';
import type { PageReport } from './schema';
import { rootFindings } from './severity';

/** One page's counts. */
export interface PageCounts {
  loader: boolean;
  linksOk: number;
  linkProblems: number;
  errors: number;
  warnings: number;
}

/** Root findings of a severity (consequences are counted under their cause). */
const roots = (page: PageReport, severity: Severity) =>
  rootFindings(page.findings).filter((f) => f.severity === severity).length;

/**
 * The page's counts. A link has a problem when a `link.*` warning or error names it (by href,
 * else selector); the others found on the page are fine.
 */
export function pageCounts(page: PageReport): PageCounts {
  const problemLinks = new Set(
    page.findings
      .filter((f) => f.rule.startsWith('link.') && f.severity !== 'info')
      .map((f) => f.target?.href ?? f.target?.selector ?? ''),
  );
  return {
    loader: page.queueName !== null,
    linksOk: Math.max(0, page.links.length - problemLinks.size),
    linkProblems: problemLinks.size,
    errors: roots(page, 'error'),
    warnings: roots(page, 'warning'),
  };
}
