/**
 * Arguments of `partnero-inspector check` (README, "Check your site"). Parsing never throws
 * and never prints: the caller prints `usage()` or the one-line error and exits 2.
 */
import { parseArgs } from 'node:util';
import type { Severity, Summary } from '../model/types';
import { FAIL_ON, type FailOn, meetsThreshold } from '../report/severity';
import { CI_OPTIONS, type CiArgs, ciArgs, FORMATS } from './format';
import { COMMAND_NAMES, CONFIG_FILE, isCommand } from './help';
import { didYouMean } from './suggest';
import { ArgError, httpUrl, milliseconds, nonEmpty, oneOf, quote } from './validate';

/** Browsers the check can drive. */
export const BROWSERS = ['chrome', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** The validated options of one `check` run. */
export interface CheckOptions extends CiArgs {
  /** `-h`/`--help` or `--version` given: print and exit 0; the rest is not validated. */
  help: boolean;
  version: boolean;
  /** Absolute http(s) URLs as typed, visited in order as one visitor. */
  urls: string[];
  /** Referral key added to the first URL as `param=aff`. */
  aff: string | undefined;
  param: string;
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
  /** `--config FILE`: the journeys' file (default: partnero-inspector.config.json here, if any). */
  config: string | undefined;
  /** `--journey NAME`, repeatable: the config file's journeys to run (none: all of them). */
  journeys: string[];
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
  ...CI_OPTIONS,
} as const;

/** `-h`/`--help` and `-v`/`--version`: every command takes them. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const OPTIONS = {
  ...PAGE_OPTIONS,
  'allow-http-errors': { type: 'boolean' },
  config: { type: 'string' },
  journey: { type: 'string', multiple: true },
  ...COMMON_OPTIONS,
} as const;

/** `check`'s URLs: none when the journeys come from a config file (src/cli/journeys.ts). */
function checkUrls(positionals: string[]): string[] {
  const [command, ...urls] = positionals;
  if (command === undefined) throw new ArgError('missing command: partnero-inspector check <url> [<url> …]');
  if (command !== 'check') throw new ArgError(unknownCommand(command));
  return urls.map(httpUrl);
}

/** `unknown command "chek" — did you mean check?` (or the list of commands when none is near). */
export function unknownCommand(command: string): string {
  if (isCommand(command)) return `options go after the command: partnero-inspector ${command} [options]`;
  const suggestion = didYouMean(command, COMMAND_NAMES);
  return `unknown command ${quote(command)}${suggestion || ` (commands: ${COMMAND_NAMES.join(', ')})`}`;
}

/** The option definitions node:util's parseArgs takes. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/**
 * node:util's own messages span lines and suggest `--`; keep the first fact only. An unknown
 * option names the nearest of `options` when one is near (`--afff` → `--aff`).
 */
export function parseError(error: unknown, options: OptionSpec = {}): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'([^']*)'/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const names = Object.keys(options).map((name) => `--${name}`);
    return `unknown option ${quote(option)}${option.startsWith('--') ? didYouMean(option, names) : ''}`;
  }
  return (message ?? String(error)).split('\n')[0]?.replace(/\.$/, '') ?? 'invalid arguments';
}

/**
 * `argv` read strictly against `options` (node:util parseArgs), positionals allowed; an
 * {@link ArgError} with the one-line reason when refused. Every command reads its arguments here.
 */
export function readArgs<const O extends OptionSpec>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ArgError(parseError(error, options));
  }
}

/** What each journey is checked with: the options a config file's journey may set too. */
export type JourneySettings = Pick<
  CheckOptions,
  | 'aff'
  | 'param'
  | 'failOn'
  | 'browser'
  | 'stubPartnero'
  | 'waitMs'
  | 'fullWait'
  | 'clickTest'
  | 'timeoutMs'
  | 'allowHttpErrors'
>;

/** The settings before a config file or the command line sets any. */
export const JOURNEY_DEFAULTS: Readonly<JourneySettings> = {
  aff: undefined,
  param: DEFAULTS.param,
  failOn: DEFAULTS.failOn,
  browser: DEFAULTS.browser,
  stubPartnero: false,
  waitMs: DEFAULTS.waitMs,
  fullWait: false,
  clickTest: true,
  timeoutMs: DEFAULTS.timeoutMs,
  allowHttpErrors: false,
};

type CheckValues = ReturnType<typeof readArgs<typeof OPTIONS>>['values'];

/** `parse(raw)` when the option was typed, else undefined. */
const given = <T>(raw: string | undefined, parse: (raw: string) => T): T | undefined =>
  raw === undefined ? undefined : parse(raw);

/** Only the settings typed on the command line, validated: what overrides a config file's journeys. */
function typedSettings(v: CheckValues): Partial<JourneySettings> {
  const settings: Partial<JourneySettings> = {
    aff: nonEmpty('aff', v.aff),
    param: nonEmpty('param', v.param),
    failOn: given(v['fail-on'], (raw) => oneOf('fail-on', raw, FAIL_ON, DEFAULTS.failOn)),
    browser: given(v.browser, (raw) => oneOf('browser', raw, BROWSERS, DEFAULTS.browser)),
    stubPartnero: v['stub-partnero'] === true || undefined,
    waitMs: given(v.wait, (raw) => milliseconds('wait', raw, DEFAULTS.waitMs)),
    fullWait: v['full-wait'] === true || undefined,
    clickTest: v['no-click-test'] === true ? false : undefined,
    timeoutMs: given(v.timeout, (raw) => milliseconds('timeout', raw, DEFAULTS.timeoutMs)),
    allowHttpErrors: v['allow-http-errors'] === true || undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/**
 * The journey settings typed in `argv` (already accepted by {@link parseCheckArgs}), and only
 * those: command-line options override a config file's values, its values override defaults.
 */
export function typedCheckSettings(argv: string[]): Partial<JourneySettings> {
  return typedSettings(readArgs(argv, OPTIONS).values);
}

/**
 * Parses `process.argv.slice(2)`: `check [<url>…] [options]`, or `--help` / `--version` alone.
 * No URL is not refused here: the journeys may come from a config file (src/cli/journeys.ts).
 */
export function parseCheckArgs(argv: string[]): ParseResult {
  try {
    const { values, positionals } = readArgs(argv, OPTIONS);
    const help = values.help === true;
    const version = values.version === true;
    return {
      ok: true,
      options: {
        help,
        version,
        urls: help || version ? positionals.slice(1) : checkUrls(positionals),
        ...JOURNEY_DEFAULTS,
        ...typedSettings(values),
        ...ciArgs(values),
        junit: nonEmpty('junit', values.junit),
        config: nonEmpty('config', values.config),
        journeys: (values.journey ?? []).map((name) => nonEmpty('journey', name) ?? name),
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

/** `check --help`. */
export function usage(): string {
  return `Usage: partnero-inspector check <url> [<url> …] [options]
       partnero-inspector check [--journey NAME …] [options]   the journeys of ${CONFIG_FILE}

Visits the URLs in order as one visitor, in a browser with the Partnero Inspector
extension installed, and reports what it found. Nothing is ever sent to Stripe.
Without a URL it runs the journeys of the config file (README, "Journeys in a config file").

Options:
  --aff KEY          arrive as a referred visitor: add <param>=KEY to the first URL
  --param NAME       referral parameter name (default: ${DEFAULTS.param})
  --json             print only the JSON report on stdout (same as --format json)
  --format NAME      ${FORMATS.join(' | ')}: what stdout carries (default: terminal;
                     in GitHub Actions: github, the report plus annotations)
  --report FILE      also write the JSON report to FILE
  --summary FILE     append a Markdown summary to FILE (GitHub Actions: $GITHUB_STEP_SUMMARY)
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
  --config FILE      the journeys' config file (default: ./${CONFIG_FILE})
  --journey NAME     run this journey of the config file (repeatable; default: all);
                     options given here override the file's for every journey
  -h, --help         show this help
  -v, --version      print the version

Examples:
  partnero-inspector check https://shop.example/ https://shop.example/pricing --aff TEST
  partnero-inspector check "$STAGING_URL/pricing" --stub-partnero --junit junit.xml --fail-on warning
  partnero-inspector check --journey checkout --json > checkout.json

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the check could not run.
`;
}
