/**
 * `partnero-inspector check …`: exit 0 when nothing reaches --fail-on, 1 when something
 * does, 2 when the check could not run (one line on stderr, never a stack trace).
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJUnit } from '../report/junit';
import { ReportSchema } from '../report/schema';
import { renderProgress, renderReport } from '../report/terminal';
import { exitCode, parseCheckArgs, usage } from './args';
import { CheckError, runCheck } from './check';

declare const __VERSION__: string;

/** The repository root: the bundle lives in .output/cli/. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(argv: string[]): Promise<number> {
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
  const tty = !opts.json && process.stderr.isTTY === true;
  try {
    const report = await runCheck(opts, ROOT, __VERSION__, {
      onPage: (i, n, url) => {
        if (!opts.json)
          process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${renderProgress(i, n, url)}${tty ? '' : '\n'}`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    ReportSchema.parse(report);
    if (opts.junit) writeFileSync(opts.junit, toJUnit(report, opts.failOn));
    process.stdout.write(
      opts.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderReport(report, { color: process.stdout.isTTY === true }),
    );
    return exitCode(report.summary, opts.failOn);
  } catch (err) {
    if (err instanceof CheckError) return fail(err.message);
    return fail(`internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
}

function fail(message: string): number {
  process.stderr.write(`partnero-inspector: ${message}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`partnero-inspector: internal error: ${String(err).split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
