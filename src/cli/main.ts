/**
 * `partnero-inspector check …`: exit 0 when nothing reaches --fail-on, 1 when something
 * does, 2 when the check could not run (one line on stderr, never a stack trace).
 */
import { accessSync, appendFileSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAudit } from '../report/audit-terminal';
import { RULES_DOC } from '../report/docs';
import { type FailOnOf, toJUnit } from '../report/junit';
import type { Report } from '../report/schema';
import { renderProgress, renderReport } from '../report/terminal';
import { clean, safeJson } from '../report/text';
import {
  type CheckOptions,
  exitCode,
  parseCheckArgs,
  typedCheckSettings,
  unknownCommand,
  usage,
} from './args';
import { auditUsage, parseAuditArgs } from './audit/args';
import { parseMergeArgs } from './audit/merge-args';
import { runAudit } from './audit/run';
import { CheckError, runJourneys } from './check';
import { ciOutputFiles, ciOutputs } from './ci-output';
import { colorEnabled } from './color';
import { demoJourney } from './demo';
import { browsersUsage, type CommandName, demoUsage, isCommand, mergeUsage, overview } from './help';
import { failOnOf, type Journey, journeysExitCode, planJourneys } from './journeys';
import { parseBrowsersArgs, setupBrowsers } from './setup-browsers';
import { startSpinner } from './spinner';
import { ArgError, ConfigError } from './validate';

declare const __VERSION__: string;

/** The repository root: the bundle lives in .output/cli/. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** docs/rules.md in this package: the terminal report says which of its sections to read. */
const RULES_DOC_PATH = resolve(ROOT, RULES_DOC);

/** Each command's `--help` (`help` itself: the overview). */
const HELP: Record<CommandName, () => string> = {
  check: usage,
  audit: auditUsage,
  merge: mergeUsage,
  demo: demoUsage,
  browsers: browsersUsage,
  help: overview,
};

async function main(argv: string[]): Promise<number> {
  // `-v`/`--version` alone or with any command: nothing else is read.
  if (argv.includes('--version') || argv.includes('-v')) return print(`${__VERSION__}\n`);
  const [command, ...rest] = argv;
  if (command === 'help') return help(rest);
  if (command === 'browsers') return browsers(argv);
  if (command === 'demo') return demo(rest);
  if (command === 'audit') return audit(argv);
  if (command === 'merge') return merge(argv);
  if (command !== undefined && !command.startsWith('-') && command !== 'check')
    return fail(`${unknownCommand(command)} (see --help)`);
  return checkCommand(argv);
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

/** `partnero-inspector help [<command>]`: the command's `--help`, or the overview. */
function help([topic]: string[]): number {
  if (topic === undefined) return print(overview());
  if (!isCommand(topic)) return fail(`${unknownCommand(topic)} (see --help)`);
  return print(HELP[topic]());
}

/** `partnero-inspector browsers [chrome|firefox …] [--install]`. */
async function browsers(argv: string[]): Promise<number> {
  try {
    const opts = parseBrowsersArgs(argv);
    return opts.help ? print(browsersUsage()) : await setupBrowsers(opts.kinds, opts.install);
  } catch (err) {
    return failed(err, 'browsers --help');
  }
}

/** `partnero-inspector check <url>…`, or the journeys of a config file. */
async function checkCommand(argv: string[]): Promise<number> {
  const see = argv.includes('check') ? 'check --help' : '--help';
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) return fail(`${parsed.error} (see ${see})`);
  const opts = parsed.options;
  if (opts.help) return print(argv.includes('check') ? usage() : overview());
  try {
    return await check(opts, await planJourneys(opts, () => typedCheckSettings(argv)));
  } catch (err) {
    return failed(err, see);
  }
}

/** The demo shop's journey; exit 0 whenever the check itself ran (its findings are the point). */
async function demo(rest: string[]): Promise<number> {
  const parsed = parseCheckArgs(['check', 'http://127.0.0.1/', ...rest]);
  if (!parsed.ok) return fail(`${parsed.error} (see demo --help)`);
  if (parsed.options.help) return print(demoUsage());
  const { server, options } = await demoJourney(ROOT, parsed.options);
  try {
    const code = await check(options, [options]);
    return code === 2 ? 2 : 0;
  } finally {
    await server.close();
  }
}

/** `partnero-inspector audit <url>`: every page of the site the crawl finds, worst first. */
async function audit(argv: string[]): Promise<number> {
  const parsed = parseAuditArgs(argv);
  if (!parsed.ok) return fail(`${parsed.error} (see audit --help)`);
  const opts = parsed.options;
  if (opts.help) return print(auditUsage());
  const problem = outputProblem(opts);
  if (problem) return fail(problem);
  const spinner = !opts.json && process.stderr.isTTY === true ? spinOnStderr() : null;
  try {
    const report = await runAudit(opts, ROOT, __VERSION__, (done, total, url) =>
      spinner?.update(`${renderBar(done, total)} ${clean(url, 60)}`),
    ).finally(() => spinner?.stop());
    await writeReport(report, opts, import('../report/schema'), (r, terminal) => renderAudit(r, terminal));
    return exitCode(report.summary, opts.failOn);
  } catch (err) {
    return failed(err);
  }
}

/** A spinner on stderr (a terminal), coloured as src/cli/color.ts decides. */
const spinOnStderr = () => startSpinner(process.stderr, colorEnabled(process.stderr));

/** `partnero-inspector merge a.json b.json … [--junit FILE]`: shards' --json reports as one, on stdout. */
async function merge(argv: string[]): Promise<number> {
  try {
    const opts = parseMergeArgs(argv);
    if (opts.help) return print(mergeUsage());
    const junitProblem = opts.junit ? unwritable(opts.junit) : null;
    if (opts.junit && junitProblem) return fail(`cannot write --junit ${opts.junit}: ${junitProblem}`);
    const reports = opts.files.map((file) => ({
      label: file,
      report: JSON.parse(readFileSync(file, 'utf8')) as unknown,
    }));
    const { mergeReports } = await import('./audit/merge');
    const merged = mergeReports(reports);
    if (opts.junit) writeFileSync(opts.junit, toJUnit(merged, 'error'));
    process.stdout.write(`${safeJson(merged, 2)}\n`);
    return exitCode(merged.summary, 'error');
  } catch (err) {
    if (err instanceof ArgError) return failed(err, 'merge --help');
    return fail(`cannot merge: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
}

/** `[#####-----] 12/50` */
function renderBar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((done / total) * 20) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${done}/${total}`;
}

/** Why a file the report goes to (--junit, --report, --summary) cannot be written; null when all can. */
function outputProblem(opts: Pick<CheckOptions, 'junit' | 'summary' | 'report'>): string | null {
  const files = [...(opts.junit ? [opts.junit] : []), ...ciOutputFiles(opts, process.env)];
  for (const file of files) {
    const problem = unwritable(file);
    if (problem) return `cannot write ${file === opts.junit ? `--junit ${file}` : file}: ${problem}`;
  }
  return null;
}

/** Why `file` could not be written, checked before the browser starts; null when it can. */
function unwritable(file: string): string | null {
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is not a folder`;
    accessSync(dir, constants.W_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `the folder ${dir} does not exist` : `${dir} is not writable`;
  }
}

/** Runs the journeys in one browser and prints their report; the exit status of the worst. */
async function check(opts: CheckOptions, journeys: Journey[]): Promise<number> {
  // A report that could not be written must not cost a whole check first.
  const problem = outputProblem(opts);
  if (problem) return fail(problem);
  // A spinner only for people watching a terminal; CI logs get the report alone.
  let spinner = !opts.json && process.stderr.isTTY === true ? spinOnStderr() : null;
  const stopSpinner = () => {
    spinner?.stop();
    spinner = null;
  };
  // The report is checked against its schema before it is printed. zod takes ~90 ms to load,
  // so it loads while the first page is watched instead of before the browser starts.
  let schema: Promise<typeof import('../report/schema')> | undefined;
  const output = { ...opts, failOn: failOnOf(journeys) };
  try {
    const report = await runJourneys(journeys, ROOT, __VERSION__, {
      onPage: (i, n, url) => {
        schema ??= import('../report/schema');
        spinner?.update(renderProgress(i, n, url));
      },
      // Written while the browser is still open: the user reads it during the teardown.
      onReport: async (done) => {
        stopSpinner();
        await writeReport(done, output, schema ?? import('../report/schema'), (r, terminal) =>
          renderReport(r, { ...terminal, docs: RULES_DOC_PATH }),
        );
      },
    }).finally(stopSpinner);
    return journeysExitCode(report, journeys);
  } catch (err) {
    return failed(err);
  }
}

/**
 * Exit 2 for a check that could not run: its one-line reason, never a stack; a config file's
 * problems one line each. `see` names the help that explains a refused argument.
 */
function failed(err: unknown, see?: string): number {
  if (err instanceof ConfigError) return Math.max(...err.problems.map(fail));
  if (err instanceof ArgError) return fail(see === undefined ? err.message : `${err.message} (see ${see})`);
  if (err instanceof CheckError) return fail(err.message);
  return fail(`internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
}

/**
 * Validates the report, writes --junit, then prints it on stdout: the JSON, or what `render`
 * makes of it for a terminal (coloured as src/cli/color.ts decides; wrapped to its width, 80
 * columns for a pipe or a CI log).
 */
async function writeReport<R extends Report>(
  report: R,
  opts: Pick<CheckOptions, 'junit' | 'format' | 'summary' | 'report'> & { failOn: FailOnOf },
  schema: Promise<typeof import('../report/schema')>,
  render: (report: R, terminal: { color: boolean; width: number | undefined }) => string,
): Promise<void> {
  (await schema).ReportSchema.parse(report);
  if (opts.junit) writeFileSync(opts.junit, toJUnit(report, opts.failOn));
  const terminal = {
    color: colorEnabled(process.stdout),
    width: process.stdout.isTTY ? process.stdout.columns : undefined,
  };
  const out = ciOutputs(report, opts, process.env, () => render(report, terminal));
  for (const f of out.files) (f.append ? appendFileSync : writeFileSync)(f.file, f.text);
  process.stdout.write(out.stdout);
}

function fail(message: string): number {
  // Messages may quote a page (its URL, a browser error about it): one inert line.
  process.stderr.write(`partnero-inspector: ${clean(message, 1000)}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`partnero-inspector: internal error: ${clean(String(err).split('\n')[0] ?? '')}\n`);
    process.exitCode = 2;
  },
);
