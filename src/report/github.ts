/**
 * GitHub Actions output: findings as workflow-command annotations (`::error title=…::…`) and a
 * guard that keeps the readable report, which quotes pages, from being read as commands.
 *
 * The runner reads every line of a step's output that starts (after leading spaces) with `::`
 * as a command. Page text is hostile: a link text `x ::error::forged` wrapped onto a line of
 * its own, or a message with a newline, would otherwise forge an annotation or worse
 * (`::add-mask::`, `::stop-commands::`).
 */
import type { Severity } from '../model/types';
import { causeTree } from './cause-tree';
import { findingLine } from './ci-text';
import type { PageReport, Report } from './schema';
import { type FailOn, type FailOnOf, meetsThreshold, SEVERITIES, thresholdFor } from './severity';
import { clean } from './text';

/** Annotation commands; GitHub has no `info` annotation, `notice` is its lowest. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/**
 * GitHub shows 10 annotations of each level per step and 50 per job; past this many, one
 * notice says how many more there are.
 */
export const MAX_ANNOTATIONS = 50;

/** Escapes workflow-command data (the text after `::`): `%`, CR and LF, as @actions/core does. */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value: the data escapes plus `:` and `,`, its separators. */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line: `::level title=…::message`. */
function command(level: AnnotationLevel, title: string, message: string): string {
  return `::${level} title=${escapeWorkflowProperty(title)}::${escapeWorkflowData(message)}`;
}

/**
 * The annotation level of a root finding: `error` exactly when it fails the check at `failOn`
 * (so the red annotations are what failed the job); below it, an error or warning is a
 * warning and an info a notice.
 */
export function annotationLevel(severity: Severity, failOn: FailOn): AnnotationLevel {
  if (meetsThreshold(severity, failOn)) return 'error';
  return severity === 'info' ? 'notice' : 'warning';
}

/**
 * One annotation per root finding (a consequence, `causedBy`, is counted in its cause's text,
 * never annotated: fix the cause first), most severe first, at most {@link MAX_ANNOTATIONS}.
 * Each is one line whatever the page wrote: page text is made one line by `clean()` (no
 * control characters or escape sequences in the job's annotations) and escaped besides.
 */
export function toGitHubAnnotations(report: Report, failOn: FailOnOf<PageReport>): string {
  const roots = report.pages.flatMap((page) =>
    causeTree(page.findings, page.findings).map((node) => ({
      node,
      url: page.url,
      threshold: thresholdFor(failOn, page),
    })),
  );
  const lines = SEVERITIES.flatMap((severity) =>
    roots
      .filter(({ node }) => node.finding.severity === severity)
      .map(({ node, url, threshold }) => {
        const { finding } = node;
        // A consequence whose cause is missing is shown, but it never fails the check.
        const level = finding.causedBy === undefined ? annotationLevel(severity, threshold) : 'notice';
        return command(level, finding.rule, `${findingLine(node)} (${clean(url, 500)})`);
      }),
  );
  const shown = lines.slice(0, MAX_ANNOTATIONS);
  if (lines.length > shown.length)
    shown.push(
      `::notice title=partnero-inspector::${lines.length - shown.length} more findings: see the report`,
    );
  return shown.length > 0 ? `${shown.join('\n')}\n` : '';
}

/**
 * `text` between `::stop-commands::TOKEN` and `::TOKEN::`: the runner prints it but acts on
 * none of its lines. `token` must be one the page cannot guess (a random UUID per run).
 */
export function withoutCommands(text: string, token: string): string {
  if (!/^[A-Za-z0-9-]{16,}$/.test(token)) throw new Error('stop-commands token must be long and plain');
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}
