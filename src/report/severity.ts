import type { Severity, Summary } from '../model/types';

/** What severity logic reads of a finding: the model's `Finding` and the report's both fit. */
export interface Graded {
  severity: Severity;
  causedBy?: string | undefined;
}

/** Values of `--fail-on`: the least severity that fails the check, or `never`. */
export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The threshold of `--fail-on`, or each page's own (a config file's journeys each have theirs). */
export type FailOnOf<P> = FailOn | ((page: P) => FailOn);

/** `page`'s threshold under `failOn`. */
export function thresholdFor<P>(failOn: FailOnOf<P>, page: P): FailOn {
  return typeof failOn === 'function' ? failOn(page) : failOn;
}

/** Whether a root finding of some page meets that page's threshold: the check fails (exit 1). */
export function pagesFail<P extends { findings: readonly Graded[] }>(
  pages: readonly P[],
  failOn: FailOnOf<P>,
): boolean {
  return pages.some((page) =>
    rootFindings(page.findings).some((f) => meetsThreshold(f.severity, thresholdFor(failOn, page))),
  );
}

/** Most severe first; the order findings are grouped in and thresholds compare by. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** True when `severity` is at or above the `failOn` threshold. */
export function meetsThreshold(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && RANK[severity] >= RANK[failOn];
}

/** The most severe of `findings`, or null when there are none. */
export function worstSeverity(findings: readonly Graded[]): Severity | null {
  let worst: Severity | null = null;
  for (const { severity } of findings) {
    if (worst === null || RANK[severity] > RANK[worst]) worst = severity;
  }
  return worst;
}

/** Findings that are not explained by another one: the only ones that count or fail. */
export function rootFindings<T extends Graded>(findings: readonly T[]): T[] {
  return findings.filter((f) => f.causedBy === undefined);
}

/** Counts root findings per severity (consequences carry `causedBy` and are not counted). */
export function summarize(findings: readonly Graded[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const { severity } of rootFindings(findings)) {
    if (severity === 'error') summary.errors++;
    else if (severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
