/**
 * The readable report printed by `partnero-inspector check` without `--json`. Every string
 * that came from a page goes through `clean()`: the report must not be a way for a page to
 * write escape sequences into the merchant's terminal or CI log.
 */
import { RULE_IDS, type Severity } from '../model/types';
import { findingMark, MARKS, type MarkKind } from './marks';
import type { ChecklistRow, FindingReport, PageReport, Report } from './schema';
import { SEVERITIES } from './severity';
import { clean, type Paint, painter, plural, type Style } from './text';

const STYLES: Record<MarkKind, Style> = {
  ok: 'green',
  error: 'red',
  warning: 'yellow',
  none: 'dim',
  unverified: 'cyan',
};

const GROUP_TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Infos' };

function mark(kind: MarkKind, paint: Paint): string {
  return paint(STYLES[kind], MARKS[kind].symbol);
}

function renderChecklist(rows: ChecklistRow[], paint: Paint): string[] {
  const width = Math.max(...rows.map((row) => row.label.length));
  return rows.map(
    (row) => `  ${mark(row.status, paint)} ${clean(row.label).padEnd(width)}  ${clean(row.detail)}`,
  );
}

function renderFinding(finding: FindingReport, depth: number, paint: Paint): string[] {
  const indent = '    '.repeat(depth + 1);
  const cause = finding.causedBy ? paint('dim', ` (caused by ${finding.causedBy})`) : '';
  const lines = [
    `${indent}${mark(findingMark(finding), paint)} ${paint('bold', finding.rule)}${cause}  ${clean(finding.message)}`,
  ];
  const where = [finding.target?.selector, finding.target?.href].filter((part) => part !== undefined);
  if (where.length > 0) lines.push(`${indent}  ${paint('dim', `at ${clean(where.join(' '))}`)}`);
  if (finding.fix) lines.push(`${indent}  fix: ${clean(finding.fix)}`);
  return lines;
}

/**
 * Findings grouped by severity, each consequence indented under the finding of the rule
 * named by its `causedBy` (chains nest). A consequence whose cause is not on the page, or
 * that sits in a causedBy cycle, is listed in its own severity group instead of vanishing.
 */
function renderFindings(findings: FindingReport[], paint: Paint): string[] {
  const parentOf = (f: FindingReport) => findings.find((p) => p !== f && p.rule === f.causedBy);
  const visited = new Set<FindingReport>();
  const tree = (f: FindingReport, depth: number): string[] => {
    visited.add(f);
    const children = findings.filter((c) => !visited.has(c) && parentOf(c) === f);
    return [...renderFinding(f, depth, paint), ...children.flatMap((c) => tree(c, depth + 1))];
  };
  const roots = findings.filter((f) => f.causedBy === undefined || parentOf(f) === undefined);
  const lines = SEVERITIES.flatMap((severity) => {
    const group = roots.filter((f) => f.severity === severity);
    if (group.length === 0) return [];
    return [
      `  ${paint('bold', GROUP_TITLES[severity])} (${group.length})`,
      ...group.flatMap((f) => tree(f, 0)),
    ];
  });
  const leftovers = findings.filter((f) => !visited.has(f));
  return [...lines, ...leftovers.flatMap((f) => (visited.has(f) ? [] : tree(f, 0)))];
}

function renderPage(page: PageReport, paint: Paint): string[] {
  const lines = [paint('bold', clean(page.url))];
  if (page.finalUrl !== page.url) lines.push(`  → ${clean(page.finalUrl)}`);
  if (page.checklist) lines.push(...renderChecklist(page.checklist, paint));
  lines.push('', ...(page.findings.length > 0 ? renderFindings(page.findings, paint) : ['  No findings.']));
  return lines;
}

/** The summary line, e.g. `1 error, 2 warnings, 0 infos — 3 pages checked in 9.4 s`. */
function summaryLine({ summary, pages, timing }: Report, paint: Paint): string {
  const counts = `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
  const style: Style = summary.errors > 0 ? 'red' : summary.warnings > 0 ? 'yellow' : 'green';
  const took = timing
    ? ` in ${seconds(timing.journeyMs)} ${paint('dim', `(browser start ${seconds(timing.browserStartMs)})`)}`
    : '';
  return `${paint(style, counts)} — ${plural(pages.length, 'page')} checked${took}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Where to read about each rule in the report, once per rule in catalog order:
 * `<docs>#<rule id>`, `docs` being the path of docs/rules.md in the installed package.
 */
function renderDocs({ pages }: Report, docs: string, paint: Paint): string[] {
  const seen = new Set<string>(pages.flatMap((page) => page.findings.map((f) => f.rule)));
  const rules = RULE_IDS.filter((id) => seen.has(id));
  if (rules.length === 0) return [];
  const width = Math.max(...rules.map((id) => id.length));
  const lines = rules.map((id) => `  ${id.padEnd(width)}  ${clean(`${docs}#${id}`)}`);
  return ['', paint('bold', 'Learn more about these rules:'), ...lines];
}

/**
 * The whole terminal report; ANSI colours only when `color` is true (stdout is a TTY). With
 * `docs` (the path of docs/rules.md in the package) it ends by saying where to read about
 * each rule that appears.
 */
export function renderReport(report: Report, opts: { color: boolean; docs?: string }): string {
  const paint = painter(opts.color);
  const header = `${paint('bold', `${clean(report.tool)} ${clean(report.version)}`)} · ${clean(report.browser)}`;
  const pages = report.pages.flatMap((page) => ['', ...renderPage(page, paint)]);
  const docs = opts.docs === undefined ? [] : renderDocs(report, opts.docs, paint);
  return `${[header, ...pages, ...docs, '', summaryLine(report, paint)].join('\n')}\n`;
}

/**
 * One progress line for a spinner, e.g. `[2/3] https://shop.example/pricing`; `index` is
 * zero-based. The URL is capped so the line does not wrap, which would break `\r` redraws.
 */
export function renderProgress(index: number, total: number, url: string): string {
  return `[${index + 1}/${total}] ${clean(url, 80)}`;
}
