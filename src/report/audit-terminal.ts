/**
 * The terminal report of `partnero-inspector audit`: one row per page, worst first (page,
 * loader, links fine / with a problem, errors, warnings), then the pages a partner can link
 * to that lack the Partnero loader, the pages that could not be checked, and what the crawl
 * left out. Every page's findings in full are in `--json`.
 */
import type { AuditReport } from '../cli/audit/run';
import { type PageCounts, pageCounts } from './page-counts';
import type { PageReport } from './schema';
import { summaryLine } from './terminal';
import { clean, columns, type Paint, painter, plural } from './text';

/** One page's row: where it is, and its counts. */
interface Row extends PageCounts {
  page: string;
}

/**
 * The page's row: its path (or whole URL off the start's origin, the referral parameter the
 * audit added left out) and its counts.
 */
function rowOf(page: PageReport, origin: string, referral: AuditReport['audit']['referral']): Row {
  const url = URL.parse(page.url);
  if (url && referral && url.searchParams.get(referral.param) === referral.key)
    url.searchParams.delete(referral.param);
  return {
    page: url && url.origin === origin ? `${url.pathname}${url.search}` : (url?.href ?? page.url),
    ...pageCounts(page),
  };
}

/** Worst first: errors, then warnings, then no loader, then by page. */
function worstFirst(a: Row, b: Row): number {
  return (
    b.errors - a.errors ||
    b.warnings - a.warnings ||
    Number(a.loader) - Number(b.loader) ||
    (a.page < b.page ? -1 : a.page > b.page ? 1 : 0)
  );
}

/** The table, its first column cut to fit `width`. */
function table(rows: Row[], width: number, paint: Paint): string[] {
  const head = ['page', 'loader', 'links ok/problem', 'errors', 'warnings'];
  const cells = rows.map((r) => [
    clean(r.page, 300),
    r.loader ? 'yes' : 'NO',
    `${r.linksOk}/${r.linkProblems}`,
    String(r.errors),
    String(r.warnings),
  ]);
  const fixed = head.slice(1).map((h, i) => Math.max(h.length, ...cells.map((c) => columns(c[i + 1] ?? ''))));
  const first = Math.max(10, width - fixed.reduce((a, b) => a + b + 2, 0) - 2);
  const cut = (text: string) =>
    columns(text) > first
      ? `${Array.from(text)
          .slice(0, first - 1)
          .join('')}…`
      : text;
  const line = (c: string[]) =>
    `  ${cut(c[0] ?? '').padEnd(first)}${c
      .slice(1)
      .map((x, i) => `  ${x.padStart(fixed[i] ?? 0)}`)
      .join('')}`;
  const style = (r: Row, text: string) =>
    paint(r.errors > 0 || !r.loader ? 'red' : r.warnings > 0 ? 'yellow' : 'green', text);
  return [paint('bold', line(head)), ...rows.map((r, i) => style(r, line(cells[i] ?? [])))];
}

/** The whole audit report for a terminal (`color`: ANSI colours; `width`: its columns). */
export function renderAudit(
  report: AuditReport,
  opts: { color: boolean; width?: number | undefined },
): string {
  const paint = painter(opts.color);
  const width = opts.width !== undefined && opts.width > 0 ? opts.width : 80;
  const { audit } = report;
  const origin = URL.parse(audit.start)?.origin ?? '';
  const rows = report.pages.map((p) => rowOf(p, origin, audit.referral)).sort(worstFirst);
  const bare = rows.filter((r) => !r.loader);
  const out = [
    `${paint('bold', `${clean(report.tool)} ${clean(report.version)} audit`)} · ${clean(report.browser)} · ${clean(audit.start, 200)}`,
    '',
    ...table(rows, width, paint),
  ];
  if (bare.length)
    out.push(
      '',
      paint(
        'red',
        `${plural(bare.length, 'page')} without the Partnero loader: a partner linking here loses the referral.`,
      ),
      ...bare.map((r) => `  ${clean(r.page, 300)}`),
    );
  if (audit.failed.length)
    out.push('', paint('yellow', `${plural(audit.failed.length, 'page')} could not be checked:`));
  out.push(...audit.failed.map((f) => `  ${clean(f.url, 300)}: ${clean(f.reason, 300)}`));
  const left = [
    audit.shard && `shard ${audit.shard.index}/${audit.shard.count} of ${plural(audit.found, 'page')} found`,
    audit.dropped > 0 && `${audit.dropped} more left out by --max-pages`,
    audit.skipped.length > 0 && `${audit.skipped.length} skipped (logout, non-HTML, robots.txt)`,
  ].filter(Boolean);
  if (left.length) out.push('', paint('dim', left.join('; ')));
  out.push('', 'Each page in full: --json.', summaryLine(report, paint));
  return `${out.join('\n')}\n`;
}
