/**
 * The readable report printed by `partnero-inspector check` without `--json`. Every string
 * that came from a page goes through `clean()`: the report must not be a way for a page to
 * write escape sequences into the merchant's terminal or CI log.
 */
import { RULE_IDS, type Severity } from '../model/types';
import { type CauseNode, causeTree } from './cause-tree';
import { findingMark, MARKS, type MarkKind } from './marks';
import type { ChecklistRow, FindingReport, PageReport, Report } from './schema';
import { SEVERITIES } from './severity';
import { clean, columns, type Paint, painter, plural, type Style, words, wrap } from './text';

const STYLES: Record<MarkKind, Style> = {
  ok: 'green',
  error: 'red',
  warning: 'yellow',
  none: 'dim',
  unverified: 'cyan',
};

const GROUP_TITLES: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Infos' };

/** Width of a report that goes to a pipe, a file or a CI log. */
const DEFAULT_WIDTH = 80;
/** Narrowest text column: deep nesting in a narrow terminal keeps its indent, lines run over. */
const MIN_TEXT = 24;
/** Indent of one level of findings; consequences sit one level deeper than their cause. */
const LEVEL = '    ';

/** How the report is drawn: colour or not, and the terminal's width in columns. */
interface Layout {
  paint: Paint;
  width: number;
}

function mark(kind: MarkKind, paint: Paint): string {
  return paint(STYLES[kind], MARKS[kind].symbol);
}

/** How `hang` draws: the style of the text, and whether units stay whole (checklist values). */
interface HangStyle {
  style?: (text: string) => string;
  whole?: boolean;
}

/**
 * `units` wrapped after `lead` (a mark, `fix: `, a checklist label) at `indent`, the
 * continuation lines hanging under the text; `style` paints the text of each line.
 */
function hang(
  indent: string,
  lead: string,
  units: readonly string[],
  { width }: Layout,
  { style = (text) => text, whole = false }: HangStyle = {},
): string[] {
  const pad = ' '.repeat(columns(lead));
  const room = Math.max(width - indent.length - pad.length, MIN_TEXT);
  return wrap(units, room, whole).map((text, i) => `${indent}${i === 0 ? lead : pad}${style(text)}`);
}

/** A checklist value stays whole: a detail wraps only between its parts (`a, b — see c`). */
const detailParts = (detail: string) => detail.split(/(?<=,) | (?=— )/);

/** The checklist rows: mark, label, detail; a long detail hangs under the detail column. */
function renderChecklist(rows: ChecklistRow[], layout: Layout): string[] {
  const labels = Math.max(...rows.map((row) => clean(row.label).length));
  return rows.flatMap((row) => {
    const lead = `${mark(row.status, layout.paint)} ${clean(row.label).padEnd(labels)}  `;
    return hang('  ', lead, detailParts(clean(row.detail)), layout, { whole: true });
  });
}

/** The small last line: the rule id, the payload field, the element or URL it is about. */
function whereUnits({ rule, target }: FindingReport): string[] {
  const path = target?.path === undefined ? [] : ['·', clean(target.path)];
  const where = [target?.selector, target?.href].filter((part) => part !== undefined).map((p) => clean(p));
  return [rule, ...path, ...(where.length > 0 ? ['·', 'at', ...where] : [])];
}

/** One finding: the sentence with its mark, then, dim, the fix and the rule id line. */
function renderFinding(finding: FindingReport, indent: string, layout: Layout): string[] {
  const { paint } = layout;
  const dim = (text: string) => paint('dim', text);
  const text = `${indent}  `;
  return [
    ...hang(indent, `${mark(findingMark(finding), paint)} `, words(clean(finding.message)), layout),
    ...(finding.fix ? hang(text, dim('fix: '), words(clean(finding.fix)), layout, { style: dim }) : []),
    ...hang(text, '', whereUnits(finding), layout, { style: dim, whole: true }),
  ];
}

/** A finding and, under a line saying so, the findings it explains, one level deeper. */
function renderNode(node: CauseNode<FindingReport>, indent: string, layout: Layout): string[] {
  const lines = renderFinding(node.finding, indent, layout);
  if (node.consequences.length === 0) return lines;
  return [
    ...lines,
    `${indent}  ${layout.paint('dim', 'because of the problem above:')}`,
    ...node.consequences.flatMap((child) => renderNode(child, indent + LEVEL, layout)),
  ];
}

/**
 * Findings grouped by severity of their root, each consequence under the one finding that
 * explains it (see cause-tree.ts); a consequence whose cause is not on the page is a root of
 * its own severity group instead of vanishing.
 */
function renderFindings(findings: FindingReport[], layout: Layout): string[] {
  const roots = causeTree(findings, findings);
  const groups = SEVERITIES.flatMap((severity) => {
    const group = roots.filter((node) => node.finding.severity === severity);
    if (group.length === 0) return [];
    return [
      [
        `  ${layout.paint('bold', GROUP_TITLES[severity])} (${group.length})`,
        ...group.flatMap((node) => renderNode(node, LEVEL, layout)),
      ],
    ];
  });
  // A blank line between groups: findings now take several lines each.
  return groups.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]));
}

function renderPage(page: PageReport, layout: Layout): string[] {
  const lines = [layout.paint('bold', clean(page.url))];
  if (page.finalUrl !== page.url) lines.push(`  → ${clean(page.finalUrl)}`);
  if (page.navigatedFrom !== undefined)
    lines.push(`  the page ${clean(page.navigatedFrom)} moved here during its watch`);
  if (page.movedTo !== undefined)
    lines.push(`  left for ${clean(page.movedTo)} during its watch (shown as it was then)`);
  if (page.checklist) lines.push(...renderChecklist(page.checklist, layout));
  if (page.dropped)
    lines.push(
      `  ${mark('warning', layout.paint)} ${plural(page.dropped, 'event')} not recorded: the page exceeded the inspector's caps, so this report may miss something.`,
    );
  lines.push('', ...(page.findings.length > 0 ? renderFindings(page.findings, layout) : ['  No findings.']));
  return lines;
}

/** The summary line, e.g. `1 error, 2 warnings, 0 infos — 3 pages checked in 9.4 s`. */
export function summaryLine({ summary, pages, timing }: Report, paint: Paint): string {
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
 * A heading where a config file's journey starts (`── Journey checkout ──`); nothing for a
 * journey of URLs, whose pages carry no name.
 */
function journeyHeading(page: PageReport, previous: PageReport | undefined, paint: Paint): string[] {
  if (page.journey === undefined || page.journey === previous?.journey) return [];
  return ['', paint('bold', `── Journey ${clean(page.journey, 100)} ──`)];
}

/**
 * The whole terminal report; ANSI colours only when `color` is true (src/cli/color.ts). Findings
 * and checklist rows wrap to `width` columns (the terminal's; 80 when not a terminal). With
 * `docs` (the path of docs/rules.md in the package) it ends by saying where to read about
 * each rule that appears.
 */
export function renderReport(
  report: Report,
  opts: { color: boolean; docs?: string; width?: number | undefined },
): string {
  const paint = painter(opts.color);
  // A terminal that reports no width (columns 0, a dumb pseudo-terminal) gets the default.
  const width = opts.width !== undefined && opts.width > 0 ? opts.width : DEFAULT_WIDTH;
  const layout: Layout = { paint, width };
  const header = `${paint('bold', `${clean(report.tool)} ${clean(report.version)}`)} · ${clean(report.browser)}`;
  const pages = report.pages.flatMap((page, i) => [
    ...journeyHeading(page, report.pages[i - 1], paint),
    '',
    ...renderPage(page, layout),
  ]);
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
