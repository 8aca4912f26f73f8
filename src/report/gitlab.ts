/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): the subset of the Code
 * Climate issue format GitLab reads, one issue per root finding.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../model/types';
import { type CauseNode, causeTree } from './cause-tree';
import { findingLine } from './ci-text';
import type { FindingReport, PageReport, Report } from './schema';
import { clean, safeJson } from './text';

/** GitLab's severities, least first. */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One issue as GitLab's merge request widget and pipeline tab read it. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

/** An error loses money (critical, on top of the widget); a warning is minor; an info is info. */
export const CODE_QUALITY_SEVERITY: Record<Severity, CodeQualitySeverity> = {
  error: 'critical',
  warning: 'minor',
  info: 'info',
};

/** What identifies a finding across runs: rule, page, and the element or field it is about. */
function identity(finding: FindingReport, page: PageReport): string {
  const { frame, selector, href, path } = finding.target ?? {};
  return [finding.rule, page.url, frame, selector, href, path].map((part) => part ?? '').join('\0');
}

function issue(node: CauseNode<FindingReport>, page: PageReport, fingerprint: string): CodeQualityIssue {
  const { finding } = node;
  return {
    description: findingLine(node),
    check_name: finding.rule,
    fingerprint,
    // A consequence whose cause is not on the page is listed, but it never fails the check.
    severity: finding.causedBy === undefined ? CODE_QUALITY_SEVERITY[finding.severity] : 'info',
    // No source file is at fault, the page is: GitLab shows the path as the issue's place.
    location: { path: clean(page.url, 2000), lines: { begin: 1 } },
  };
}

/**
 * The issues: one per root finding (consequences, `causedBy`, are counted in their cause's
 * description). The fingerprint is the SHA-256 of rule, page URL and target, so the same
 * problem on the next pipeline is the same issue (GitLab compares a merge request's issues
 * with its target branch's by fingerprint); repeats of one identity get `#2`, `#3`.
 */
export function codeQualityIssues(report: Report): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return report.pages.flatMap((page) =>
    causeTree(page.findings, page.findings).map((node) => {
      const id = identity(node.finding, page);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const fingerprint = createHash('sha256')
        .update(n === 1 ? id : `${id}\0#${n}`)
        .digest('hex');
      return issue(node, page, fingerprint);
    }),
  );
}

/** The Code Quality report as GitLab reads it: a JSON array, `[]` when there is nothing. */
export function toGitLabCodeQuality(report: Report): string {
  return `${safeJson(codeQualityIssues(report), 2)}\n`;
}
