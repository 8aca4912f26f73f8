/**
 * The report options CI uses, shared by `check` and `audit`: what stdout carries (`--format`,
 * `--json` its old spelling), and the files written beside it (`--report`, `--summary`).
 * Parsing only: src/cli/ci-output.ts makes the outputs.
 */
import { ArgError, nonEmpty, oneOf, quote } from './validate';

/**
 * What stdout carries: the readable report, the JSON report, the readable report plus GitHub
 * annotations (workflow commands), or a GitLab Code Quality report.
 */
export const FORMATS = ['terminal', 'json', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** `node:util` parseArgs specs of the options, to spread into a command's own. */
export const CI_OPTIONS = {
  format: { type: 'string' },
  summary: { type: 'string' },
  report: { type: 'string' },
} as const;

/** The validated options. */
export interface CiArgs {
  /** stdout is the JSON report (`--json` or `--format json`). */
  json: boolean;
  /** As given; undefined: the environment decides (GitHub Actions: `github`, else `terminal`). */
  format: Format | undefined;
  /** File the Markdown job summary is appended to (default in GitHub Actions: `$GITHUB_STEP_SUMMARY`). */
  summary: string | undefined;
  /** File the JSON report is written to, whatever stdout carries. */
  report: string | undefined;
}

/** Raw values of the options as parseArgs gives them. */
export interface CiValues {
  json?: boolean | undefined;
  format?: string | undefined;
  summary?: string | undefined;
  report?: string | undefined;
}

/** Validates the options; throws {@link ArgError} with the one-line reason. */
export function ciArgs(values: CiValues): CiArgs {
  const given = nonEmpty('format', values.format);
  const format = given === undefined ? undefined : oneOf('format', given, FORMATS, 'terminal');
  if (values.json === true && format !== undefined && format !== 'json')
    throw new ArgError(`--json and --format ${quote(format)} both choose what stdout carries: give one`);
  return {
    json: values.json === true || format === 'json',
    format: values.json === true ? 'json' : format,
    summary: nonEmpty('summary', values.summary),
    report: nonEmpty('report', values.report),
  };
}

/** The format stdout carries: the one asked for, else `github` in GitHub Actions, else `terminal`. */
export function effectiveFormat(format: Format | undefined, env: NodeJS.ProcessEnv): Format {
  return format ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'terminal');
}

/** The file the job summary goes to: `--summary`, else `$GITHUB_STEP_SUMMARY` in GitHub Actions. */
export function summaryFile(summary: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (summary !== undefined) return summary;
  return env.GITHUB_ACTIONS === 'true' && env.GITHUB_STEP_SUMMARY ? env.GITHUB_STEP_SUMMARY : undefined;
}
