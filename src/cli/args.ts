/**
 * Arguments of `partnero-inspector check` (README, "Check your site"). Parsing never throws
 * and never prints: the caller prints `usage()` or the one-line error and exits 2.
 */
import { parseArgs } from 'node:util';
import type { Severity, Summary } from '../model/types';
import { FAIL_ON, type FailOn, meetsThreshold } from '../report/severity';
import { ArgError, httpUrl, milliseconds, nonEmpty, oneOf, quote } from './validate';

/** Browsers the check can drive. */
export const BROWSERS = ['chrome', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** The validated options of one `check` run. */
export interface CheckOptions {
  /** `-h`/`--help` or `--version` given: print and exit 0; the rest is not validated. */
  help: boolean;
  version: boolean;
  /** Absolute http(s) URLs as typed, visited in order as one visitor. */
  urls: string[];
  /** Referral key added to the first URL as `param=aff`. */
  aff: string | undefined;
  param: string;
  json: boolean;
  /** File to write JUnit XML to. */
  junit: string | undefined;
  failOn: FailOn;
  browser: BrowserName;
  stubPartnero: boolean;
  /** The longest watch of each page after `load`; it ends once the page has settled. */
  waitMs: number;
  /** Watch each page the whole `waitMs` (the adaptive watch off). */
  fullWait: boolean;
  clickTest: boolean;
  timeoutMs: number;
  /** Check pages that answer HTTP >= 400 instead of stopping (exit 2) at them. */
  allowHttpErrors: boolean;
}

/** Options, or the one-line reason the arguments were refused (exit 2). */
export type ParseResult = { ok: true; options: CheckOptions } | { ok: false; error: string };

const DEFAULTS = {
  param: 'aff',
  failOn: 'error',
  browser: 'chrome',
  waitMs: 3000,
  timeoutMs: 30000,
} as const;

/** How each page is checked and reported: `check`'s options, which `audit` takes too. */
export const PAGE_OPTIONS = {
  aff: { type: 'string' },
  param: { type: 'string' },
  json: { type: 'boolean' },
  junit: { type: 'string' },
  'fail-on': { type: 'string' },
  browser: { type: 'string' },
  'stub-partnero': { type: 'boolean' },
  wait: { type: 'string' },
  'full-wait': { type: 'boolean' },
  'no-click-test': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

const OPTIONS = {
  ...PAGE_OPTIONS,
  'allow-http-errors': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function checkUrls(positionals: string[]): string[] {
  const [command, ...urls] = positionals;
  if (command === undefined) throw new ArgError('missing command: partnero-inspector check <url> [<url> …]');
  if (command !== 'check') throw new ArgError(`unknown command ${quote(command)} (expected "check")`);
  if (urls.length === 0) throw new ArgError('no URL given: partnero-inspector check <url> [<url> …]');
  return urls.map(httpUrl);
}

/** node:util's own messages span lines and suggest `--`; keep the first fact only. */
export function parseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'([^']*)'/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined)
    return `unknown option ${quote(option)}`;
  return (message ?? String(error)).split('\n')[0]?.replace(/\.$/, '') ?? 'invalid arguments';
}

function readArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ArgError(parseError(error));
  }
}

/** Parses `process.argv.slice(2)`: `check <url>… [options]`, or `--help` / `--version` alone. */
export function parseCheckArgs(argv: string[]): ParseResult {
  try {
    const { values, positionals } = readArgv(argv);
    const help = values.help === true;
    const version = values.version === true;
    return {
      ok: true,
      options: {
        help,
        version,
        urls: help || version ? positionals.slice(1) : checkUrls(positionals),
        aff: nonEmpty('aff', values.aff),
        param: nonEmpty('param', values.param) ?? DEFAULTS.param,
        json: values.json === true,
        junit: nonEmpty('junit', values.junit),
        failOn: oneOf('fail-on', values['fail-on'], FAIL_ON, DEFAULTS.failOn),
        browser: oneOf('browser', values.browser, BROWSERS, DEFAULTS.browser),
        stubPartnero: values['stub-partnero'] === true,
        waitMs: milliseconds('wait', values.wait, DEFAULTS.waitMs),
        fullWait: values['full-wait'] === true,
        clickTest: values['no-click-test'] !== true,
        timeoutMs: milliseconds('timeout', values.timeout, DEFAULTS.timeoutMs),
        allowHttpErrors: values['allow-http-errors'] === true,
      },
    };
  } catch (error) {
    if (error instanceof ArgError) return { ok: false, error: error.message };
    throw error;
  }
}

/** The exit status for findings: 1 when the summary has a root finding at or above `failOn`, else 0. */
export function exitCode(summary: Summary, failOn: FailOn): 0 | 1 {
  const counts: [Severity, number][] = [
    ['error', summary.errors],
    ['warning', summary.warnings],
    ['info', summary.infos],
  ];
  return counts.some(([severity, count]) => count > 0 && meetsThreshold(severity, failOn)) ? 1 : 0;
}

/** The `--help` text. */
export function usage(): string {
  return `Usage: partnero-inspector check <url> [<url> …] [options]
       partnero-inspector audit <url> [options]  check every page of a site (audit --help)
       partnero-inspector merge <report.json…>   join the --json reports of audit shards
       partnero-inspector demo [options]         check the bundled demo shop (offline)
       partnero-inspector browsers [--install]   find (as root on Debian: install) the browsers

Visits the URLs in order as one visitor, in a browser with the Partnero Inspector
extension installed, and reports what it found. Nothing is ever sent to Stripe.

Options:
  --aff KEY          arrive as a referred visitor: add <param>=KEY to the first URL
  --param NAME       referral parameter name (default: ${DEFAULTS.param})
  --json             print only the JSON report on stdout
  --junit FILE       also write a JUnit XML report to FILE
  --fail-on LEVEL    ${FAIL_ON.join(' | ')}: exit 1 on findings this severe or worse (default: ${DEFAULTS.failOn})
  --browser NAME     ${BROWSERS.join(' | ')} (default: ${DEFAULTS.browser})
  --stub-partnero    answer *.partnero.com with a built-in stand-in: offline, no real visits
  --wait MS          watch each page at most MS after load; the watch ends sooner once the
                     page is quiet (default: ${DEFAULTS.waitMs})
  --full-wait        watch each page the whole --wait
  --no-click-test    do not click Payment Links at the end of each page
  --timeout MS       give up on a page after MS (default: ${DEFAULTS.timeoutMs})
  --allow-http-errors  check pages that answer 4xx/5xx too (default: stop, exit 2)
  -h, --help         show this help
  --version          print the version

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the check could not run.
`;
}
