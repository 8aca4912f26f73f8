/**
 * The CI job summary (GitHub's `$GITHUB_STEP_SUMMARY`, GitHub-flavoured Markdown): a headline,
 * one table row per page, then the findings with links to their rule's section.
 *
 * Page text (URLs, link texts, messages quoting them, queue names) is hostile: each piece is
 * made one line and every character Markdown or HTML could act on is escaped, so a page can
 * neither add rows, headings, images or HTML to the summary nor break out of a table cell.
 */
import type { Severity } from '../model/types';
import { type CauseNode, causeTree } from './cause-tree';
import { ruleDocsPath } from './docs';
import { pageCounts } from './page-counts';
import type { FindingReport, PageReport, Report } from './schema';
import { type FailOnOf, pagesFail, SEVERITIES } from './severity';
import { summaryLine } from './terminal';
import { clean, painter } from './text';

/** Root findings listed before the rest is left to the JSON report (a summary holds 1 MiB). */
export const MAX_LISTED = 100;
/** Pages shown in the table. */
export const MAX_ROWS = 200;

const ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** ASCII punctuation that is inline Markdown (or GitHub's math, `$`): a backslash makes it literal. */
const INLINE = /[\\`*_{}[\]()#+!|~$:]/g;

/**
 * Untrusted text as literal inline Markdown on one line, at most `max` characters: line breaks
 * and controls go (`clean()`), `&`, `<`, `>`, `"` become entities (no HTML, no autolink by
 * `<…>`), and Markdown's punctuation, `|` included, is backslash-escaped; `:` too, so page
 * text makes no `:emoji:` and no `https://` autolink.
 */
export function escapeMarkdown(text: string, max = 300): string {
  return clean(text, max)
    .replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c)
    .replace(INLINE, '\\$&');
}

const MARK: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** How the summary is made: the check's threshold, and where the rule catalog is online. */
export interface SummaryOptions {
  /** `--fail-on`, or each page's own (a config file's journeys). */
  failOn: FailOnOf<PageReport>;
  /**
   * URL of the package root online (`https://github.com/o/r/blob/v1/`); rule ids link to
   * `<docs>docs/rules.md#<rule>`. Without it (or not http(s)) they are shown unlinked.
   */
  docs?: string | undefined;
}

function headline(report: Report, failOn: FailOnOf<PageReport>): string {
  const { errors, warnings } = report.summary;
  const mark = pagesFail(report.pages, failOn) ? '❌' : errors + warnings > 0 ? '⚠️' : '✅';
  const line = summaryLine(report, painter(false));
  return `## ${mark} Partnero Inspector: ${line}`;
}

function table(pages: readonly PageReport[]): string[] {
  const rows = pages.slice(0, MAX_ROWS).map((page) => {
    const c = pageCounts(page);
    return `| ${escapeMarkdown(page.url)} | ${c.loader ? '✅' : '❌ none'} | ${c.linksOk} / ${c.linkProblems} | ${c.errors} | ${c.warnings} |`;
  });
  const more = pages.length - rows.length;
  return [
    '| Page | Loader | Links ok / problems | Errors | Warnings |',
    '| --- | :-: | --: | --: | --: |',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more pages: see the JSON report.`] : []),
  ];
}

/** `link.test-mode` as code, linked to its section of the catalog when the catalog is online. */
function ruleRef(rule: FindingReport['rule'], docs: string | undefined): string {
  const code = `\`${rule}\``;
  const base = docs === undefined ? undefined : URL.parse(docs.endsWith('/') ? docs : `${docs}/`);
  if (base === null || base === undefined || !/^https?:$/.test(base.protocol)) return code;
  return `[${code}](${new URL(ruleDocsPath(rule), base).href})`;
}

/** A finding as a list item, its consequences nested under it. */
function item(node: CauseNode<FindingReport>, docs: string | undefined, indent = ''): string[] {
  const { finding } = node;
  const where = finding.target?.selector ?? finding.target?.href;
  const text = [
    `${indent}- ${MARK[finding.severity]} ${ruleRef(finding.rule, docs)}: ${escapeMarkdown(finding.message, 1000)}`,
    where === undefined ? '' : ` (at ${escapeMarkdown(where)})`,
  ].join('');
  const children = node.consequences.flatMap((child) => item(child, docs, `${indent}  `));
  return [text, ...(children.length > 0 ? [`${indent}  - because of it:`, ...indentAll(children)] : [])];
}

const indentAll = (lines: string[]) => lines.map((line) => `  ${line}`);

/** The findings of every page, roots most severe first, each page under its URL. */
function findings(pages: readonly PageReport[], docs: string | undefined): string[] {
  let listed = 0;
  const out: string[] = [];
  for (const page of pages) {
    const roots = causeTree(page.findings, page.findings);
    const sorted = SEVERITIES.flatMap((s) => roots.filter((n) => n.finding.severity === s));
    const shown = sorted.slice(0, Math.max(0, MAX_LISTED - listed));
    listed += sorted.length;
    if (shown.length > 0)
      out.push('', `**${escapeMarkdown(page.url)}**`, '', ...shown.flatMap((n) => item(n, docs)));
  }
  if (listed > MAX_LISTED) out.push('', `…and ${listed - MAX_LISTED} more findings: see the JSON report.`);
  return out.length > 0 ? ['', '### Findings', ...out] : [];
}

/** The whole job summary, ending with a newline (the file may get other steps' summaries). */
export function toMarkdownSummary(report: Report, { failOn, docs }: SummaryOptions): string {
  const meta = `${escapeMarkdown(report.tool)} ${escapeMarkdown(report.version)} · ${escapeMarkdown(report.browser)} · fails on: ${typeof failOn === 'function' ? "each journey's failOn" : failOn}`;
  return `${[headline(report, failOn), '', meta, '', ...table(report.pages), ...findings(report.pages, docs)].join('\n')}\n`;
}
