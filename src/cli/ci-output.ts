/**
 * What a finished check prints and writes for CI, from the report and the options of
 * src/cli/format.ts: stdout in the chosen format, the JSON report file, the job summary.
 * Pure but for the stop-commands token: the caller does the writing.
 */
import { randomUUID } from 'node:crypto';
import { toGitHubAnnotations, withoutCommands } from '../report/github';
import { toGitLabCodeQuality } from '../report/gitlab';
import { toMarkdownSummary } from '../report/markdown';
import type { PageReport, Report } from '../report/schema';
import type { FailOnOf } from '../report/severity';
import { safeJson } from '../report/text';
import { type CiArgs, effectiveFormat, summaryFile } from './format';

/** A file to write (`append`: add to its end, as a job summary file shared by steps wants). */
export interface OutputFile {
  file: string;
  text: string;
  append: boolean;
}

/** stdout's text and the files to write. */
export interface CiOutput {
  stdout: string;
  files: OutputFile[];
}

/**
 * Environment variable with the URL of the package root online (e.g.
 * `https://github.com/o/r/blob/v1/`): the job summary links rule ids to `docs/rules.md` there.
 * The Action sets it.
 */
export const DOCS_URL_ENV = 'PARTNERO_INSPECTOR_DOCS_URL';

/**
 * The outputs of a finished check. `terminal` renders the readable report (only called when
 * it is printed). In GitHub Actions the readable report is printed with workflow commands
 * stopped (page text in it could start a line with `::`), then the annotations.
 */
export function ciOutputs(
  report: Report,
  opts: Pick<CiArgs, 'format' | 'summary' | 'report'> & { failOn: FailOnOf<PageReport> },
  env: NodeJS.ProcessEnv,
  terminal: () => string,
  token: string = randomUUID(),
): CiOutput {
  const inActions = env.GITHUB_ACTIONS === 'true';
  const readable = () => (inActions ? withoutCommands(terminal(), token) : terminal());
  const format = effectiveFormat(opts.format, env);
  const stdout =
    format === 'json'
      ? `${safeJson(report, 2)}\n`
      : format === 'gitlab'
        ? toGitLabCodeQuality(report)
        : format === 'github'
          ? `${readable()}${toGitHubAnnotations(report, opts.failOn)}`
          : readable();
  const files: OutputFile[] = [];
  if (opts.report !== undefined)
    files.push({ file: opts.report, text: `${safeJson(report, 2)}\n`, append: false });
  const summary = summaryFile(opts.summary, env);
  if (summary !== undefined)
    files.push({
      file: summary,
      text: toMarkdownSummary(report, { failOn: opts.failOn, docs: env[DOCS_URL_ENV] || undefined }),
      append: true,
    });
  return { stdout, files };
}

/** The files {@link ciOutputs} will write, to check they can be before the browser starts. */
export function ciOutputFiles(opts: Pick<CiArgs, 'summary' | 'report'>, env: NodeJS.ProcessEnv): string[] {
  return [opts.report, summaryFile(opts.summary, env)].filter((f): f is string => f !== undefined);
}
