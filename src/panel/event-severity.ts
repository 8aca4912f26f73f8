/** The severity and mark a timeline row shows: the worst finding about its call or link, or a failed request. */
import type { Finding, LinkRecord, NetRequest, Severity } from '../model/types';
import type { MarkKind } from '../report/marks';
import { targetsLink } from '../report/page-facts';
import { worstSeverity } from '../report/severity';

/** Worst severity of the findings about each call (by `target.call`). */
export function callSeverities(findings: readonly Finding[]): Map<number, Severity> {
  const out = new Map<number, Severity>();
  for (const f of findings) {
    const i = f.target?.call;
    if (i === undefined) continue;
    const current = out.get(i);
    out.set(i, current ? (worstSeverity([f, { severity: current }]) ?? current) : f.severity);
  }
  return out;
}

/** Worst severity of the findings about a link or embed (by selector and frame, else href). */
export function linkSeverity(findings: readonly Finding[], link: LinkRecord): Severity | null {
  return worstSeverity(findings.filter((f) => targetsLink(f, link)));
}

/** A Partnero request that failed, was blocked or answered an HTTP error. */
export function requestSeverity(r: NetRequest): Severity | null {
  return r.error !== undefined || r.blocked !== undefined || (r.status ?? 0) >= 400 ? 'error' : null;
}

/**
 * The mark of a row from the findings about it (see src/report/marks.ts): ✗ or ! for a
 * problem, ? when one says a check has not run yet, · for context only; null without findings.
 */
export function worstMark(findings: readonly Finding[]): MarkKind | null {
  const worst = worstSeverity(findings);
  if (worst === 'error' || worst === 'warning') return worst;
  if (!findings.length) return null;
  return findings.some((f) => f.unverified) ? 'unverified' : 'none';
}
