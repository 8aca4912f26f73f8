/**
 * `partnero-inspector check …`: exit 0 when nothing reaches --fail-on, 1 when something
 * does, 2 when the check could not run (one line on stderr, never a stack trace).
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES_DOC } from '../report/docs';
import { toJUnit } from '../report/junit';
import type { Report } from '../report/schema';
import { renderProgress, renderReport } from '../report/terminal';
import { clean, safeJson } from '../report/text';
import { type CheckOptions, exitCode, parseCheckArgs, usage } from './args';
import type { BrowserKind } from './browsers';
import { CheckError, runCheck } from './check';
import { demoJourney } from './demo';
import { setupBrowsers } from './setup-browsers';
import { startSpinner } from './spinner';

declare const __VERSION__: string;

/** The repository root: the bundle lives in .output/cli/. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** docs/rules.md in this package: the terminal report says which of its sections to read. */
const RULES_DOC_PATH = resolve(ROOT, RULES_DOC);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'browsers') {
    const kinds = rest.filter((a): a is BrowserKind => a === 'chrome' || a === 'firefox');
    return setupBrowsers(kinds.length ? kinds : ['chrome', 'firefox'], rest.includes('--install'));
  }
  if (command === 'demo') return demo(rest);
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) return fail(`${parsed.error} (see --help)`);
  const opts = parsed.options;
  if (opts.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`${__VERSION__}\n`);
    return 0;
  }
  return check(opts);
}

/** The demo shop's journey; exit 0 whenever the check itself ran (its findings are the point). */
async function demo(rest: string[]): Promise<number> {
  const parsed = parseCheckArgs(['check', 'http://127.0.0.1/', ...rest]);
  if (!parsed.ok) return fail(`${parsed.error} (see --help)`);
  const { server, options } = await demoJourney(ROOT, parsed.options);
  try {
    const code = await check(options);
    return code === 2 ? 2 : 0;
  } finally {
    await server.close();
  }
}

/** Why `--junit FILE` could not be written, checked before the browser starts; null when it can. */
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

async function check(opts: CheckOptions): Promise<number> {
  // A report that could not be written must not cost a whole check first.
  const junitProblem = opts.junit ? unwritable(opts.junit) : null;
  if (opts.junit && junitProblem) return fail(`cannot write --junit ${opts.junit}: ${junitProblem}`);
  // A spinner only for people watching a terminal; CI logs get the report alone.
  let spinner = !opts.json && process.stderr.isTTY === true ? startSpinner(process.stderr) : null;
  const stopSpinner = () => {
    spinner?.stop();
    spinner = null;
  };
  // The report is checked against its schema before it is printed. zod takes ~90 ms to load,
  // so it loads while the first page is watched instead of before the browser starts.
  let schema: Promise<typeof import('../report/schema')> | undefined;
  try {
    const report = await runCheck(opts, ROOT, __VERSION__, {
      onPage: (i, n, url) => {
        schema ??= import('../report/schema');
        spinner?.update(renderProgress(i, n, url));
      },
      // Written while the browser is still open: the user reads it during the teardown.
      onReport: async (done) => {
        stopSpinner();
        await writeReport(done, opts, schema ?? import('../report/schema'));
      },
    }).finally(stopSpinner);
    return exitCode(report.summary, opts.failOn);
  } catch (err) {
    if (err instanceof CheckError) return fail(err.message);
    return fail(`internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
}

/** Validates the report, writes --junit, then prints it on stdout (JSON or the terminal report). */
async function writeReport(
  report: Report,
  opts: CheckOptions,
  schema: Promise<typeof import('../report/schema')>,
): Promise<void> {
  (await schema).ReportSchema.parse(report);
  if (opts.junit) writeFileSync(opts.junit, toJUnit(report, opts.failOn));
  process.stdout.write(
    opts.json
      ? `${safeJson(report, 2)}\n`
      : renderReport(report, {
          color: process.stdout.isTTY === true,
          docs: RULES_DOC_PATH,
          // Wrapped to the terminal; a pipe or a CI log gets 80 columns.
          width: process.stdout.isTTY ? process.stdout.columns : undefined,
        }),
  );
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
