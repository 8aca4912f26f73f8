/**
 * `partnero-inspector merge`: shards' `--json` reports (./shard.ts) joined into one, each input
 * validated with the report schema (zod: loaded only by this command, never at start-up).
 */
import { buildReport } from '../../report/build';
import { type PageReport, type Report, ReportSchema } from '../../report/schema';
import { quote } from '../validate';
import { byUrl } from './shard';

/** One input of {@link mergeReports}: a parsed `--json` report and how to name it (e.g. its file). */
export interface LabelledReport {
  label: string;
  report: unknown;
}

/** The report, validated; an Error naming the input (1-based number and label) otherwise. */
function validInput({ label, report }: LabelledReport, index: number): Report {
  const result = ReportSchema.safeParse(report);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') || '(top level)';
  const why = `${path}: ${issue?.message ?? 'invalid'}`.replace(/\s+/g, ' ');
  throw new Error(`report ${index + 1} (${quote(label)}) is not a partnero-inspector --json report: ${why}`);
}

/**
 * Every input's pages in input order, except a page whose URL an earlier input already had
 * (the same page checked by two shards, or one shard merged twice): the first is kept. Pages of
 * one URL within one input are all kept: they are distinct visits of that run (two pages that
 * both redirected there, each with its own `navigatedFrom`).
 */
function uniquePages(reports: readonly Report[]): PageReport[] {
  const seen = new Set<string>();
  const pages: PageReport[] = [];
  for (const report of reports) {
    const kept = report.pages.filter((page) => !seen.has(page.url));
    for (const page of kept) seen.add(page.url);
    pages.push(...kept);
  }
  return pages;
}

/** The earliest `startedAt` (compared as instants, not as text). */
function earliest(reports: readonly Report[]): string {
  const times = reports.map((report) => Date.parse(report.startedAt));
  return new Date(Math.min(...times)).toISOString();
}

/**
 * Merges several reports (e.g. one per CI shard) into one, as {@link buildReport} builds a report:
 * - pages concatenated, then sorted by URL ({@link sortPages}), so merged shards equal one unsharded
 *   audit sorted the same way; a URL already in an earlier input is kept once (the first);
 * - `summary` recomputed from the pages (root findings only, those without `causedBy`), so an input's
 *   own summary is not trusted;
 * - `startedAt` the earliest; `version` and `browser` the first input's, even when others differ;
 * - `timing` dropped: shards may run side by side or one after another, so neither the sum nor
 *   the longest says how long the audit took, and the summary line would print a wrong duration;
 * - other top-level keys (an audit's `audit` facts, per shard) dropped; page keys kept as given;
 * - the report's byte ceiling applied (REPORT_BYTES), as for any printed report.
 * Validates each input with ReportSchema; throws an Error naming the invalid input by number and
 * label, or when there is no input.
 */
export function mergeReports(reports: readonly LabelledReport[]): Report {
  if (reports.length === 0) throw new Error('no reports to merge');
  const valid = reports.map(validInput);
  const [first] = valid as [Report, ...Report[]];
  return buildReport({
    version: first.version,
    browser: first.browser,
    startedAt: earliest(valid),
    pages: uniquePages(valid).sort(byUrl),
  });
}
