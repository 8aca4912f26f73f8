/**
 * Arguments of `partnero-inspector audit <url>`: the check's page options (each discovered page
 * is checked as `check` would check it) plus how pages are found, how many at once, and which
 * shard of them this run takes.
 */
import { availableParallelism, totalmem } from 'node:os';
import { FAIL_ON, type FailOn } from '../../report/severity';
import {
  BROWSERS,
  type CheckOptions,
  COMMON_OPTIONS,
  type JourneySettings,
  PAGE_OPTIONS,
  parseError,
  readArgs,
} from '../args';
import { ciArgs } from '../format';
import { ArgError, httpUrl, milliseconds, nonEmpty, oneOf } from '../validate';
import { parseShard } from './shard';

/** The validated options of one `audit` run. */
export interface AuditOptions
  extends Omit<JourneySettings, 'allowHttpErrors'>,
    Pick<CheckOptions, 'json' | 'format' | 'summary' | 'report' | 'junit'> {
  help: boolean;
  start: string;
  sitemap: string | undefined;
  maxPages: number;
  concurrency: number;
  shard: { index: number; count: number } | undefined;
  obeyRobots: boolean;
}

/**
 * Pages checked at once by default: two browsers per core (a page's check mostly waits), at
 * most 4, and no more than one per 1.5 GiB of memory. On our 2-core machine: 4 (100 pages:
 * 1 → 86 s, 2 → 48 s, 4 → 31 s; README "Measurements").
 */
export const DEFAULT_CONCURRENCY = Math.max(
  1,
  Math.min(4, availableParallelism() * 2, Math.floor(totalmem() / (1.5 * 2 ** 30))),
);

const OPTIONS = {
  ...PAGE_OPTIONS,
  sitemap: { type: 'string' },
  'max-pages': { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  'ignore-robots': { type: 'boolean' },
  ...COMMON_OPTIONS,
} as const;

/** A whole number from 1 to `max`. */
function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max)) throw new ArgError(`--${name} must be a whole number from 1 to ${max}`);
  return value;
}

/** Parses `audit <url> [options]`; the one-line reason when the arguments are refused. */
export function parseAuditArgs(
  argv: string[],
): { ok: true; options: AuditOptions } | { ok: false; error: string } {
  try {
    const { values: v, positionals } = readArgs(argv, OPTIONS);
    const [, start, ...extra] = positionals;
    const help = v.help === true;
    if (!help && start === undefined) throw new ArgError('no URL given: partnero-inspector audit <url>');
    if (extra.length) throw new ArgError('audit takes one start URL (pages are found from it)');
    const shard = nonEmpty('shard', v.shard);
    return {
      ok: true,
      options: {
        help,
        start: help ? '' : httpUrl(start as string),
        aff: nonEmpty('aff', v.aff),
        param: nonEmpty('param', v.param) ?? 'aff',
        ...ciArgs(v),
        junit: nonEmpty('junit', v.junit),
        failOn: oneOf<FailOn>('fail-on', v['fail-on'], FAIL_ON, 'error'),
        browser: oneOf('browser', v.browser, BROWSERS, 'chrome'),
        stubPartnero: v['stub-partnero'] === true,
        waitMs: milliseconds('wait', v.wait, 3000),
        fullWait: v['full-wait'] === true,
        clickTest: v['no-click-test'] !== true,
        timeoutMs: milliseconds('timeout', v.timeout, 30000),
        sitemap: v.sitemap === undefined ? undefined : httpUrl(v.sitemap),
        maxPages: count('max-pages', v['max-pages'], 50, 10_000),
        concurrency: count('concurrency', v.concurrency, DEFAULT_CONCURRENCY, 16),
        shard: shard === undefined ? undefined : parseShard(shard),
        obeyRobots: v['ignore-robots'] !== true,
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof ArgError ? error.message : parseError(error) };
  }
}

/** The `audit --help` text. */
export function auditUsage(): string {
  return `Usage: partnero-inspector audit <url> [options]

Finds the site's pages (same-origin links from <url>, sitemap.xml) and checks each as a
fresh visit, several at once, in browsers with the Partnero Inspector extension. Reports
every page's findings, worst first, and the pages a partner can link to that lack the
Partnero loader. Obeys robots.txt, skips logout and cart-clearing links and non-HTML,
never submits forms, never reaches Stripe.

Options (besides check's --aff, --param, --json, --format, --report, --summary, --junit,
--fail-on, --browser, --stub-partnero, --wait, --full-wait, --no-click-test, --timeout):
  --max-pages N      check at most N pages (default 50)
  --sitemap URL      also take the pages this sitemap lists (default: /sitemap.xml if any)
  --concurrency N    pages checked at once, one browser each (default ${DEFAULT_CONCURRENCY} here)
  --shard I/N        check only shard I of N (a deterministic split, for a CI matrix);
                     partnero-inspector merge a.json b.json … joins the shards' --json reports
  --ignore-robots    check pages robots.txt disallows too
  -h, --help         show this help
  -v, --version      print the version

Examples:
  partnero-inspector audit https://staging.shop.example/ --aff TEST --stub-partnero
  partnero-inspector audit https://shop.example/ --shard 2/3 --json > shard-2.json
  partnero-inspector audit https://shop.example/ --max-pages 200 --junit audit-junit.xml
`;
}
