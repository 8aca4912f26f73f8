/**
 * Which journeys `check` runs: the URLs on the command line (one journey), or the named
 * journeys of a config file (src/cli/config.ts), each with its own settings. Options typed on
 * the command line override the file's values for every journey; the file's override defaults.
 */
import { existsSync } from 'node:fs';
import type { PageReport, Report } from '../report/schema';
import { type FailOn, pagesFail } from '../report/severity';
import { type CheckOptions, JOURNEY_DEFAULTS, type JourneySettings } from './args';
import type { Config, ConfigJourney } from './config';
import { CONFIG_FILE } from './help';
import { didYouMean } from './suggest';
import { ArgError, quote } from './validate';

/** One journey to run: its URLs and settings, and its name when it came from a config file. */
export interface Journey extends JourneySettings {
  name?: string;
  urls: string[];
}

/** A config journey's keys as check's settings (`wait` is `waitMs`, `timeout` is `timeoutMs`). */
export function settingsOf(journey: ConfigJourney): Partial<JourneySettings> {
  const { urls: _urls, wait, timeout, ...same } = journey;
  return {
    ...same,
    ...(wait !== undefined && { waitMs: wait }),
    ...(timeout !== undefined && { timeoutMs: timeout }),
  };
}

/**
 * The config's journeys named in `names` (all of them, in file order, when none is), each
 * with defaults < the file's values < `typed` (the options typed on the command line).
 */
export function selectJourneys(
  config: Config,
  file: string,
  names: readonly string[],
  typed: Partial<JourneySettings>,
): Journey[] {
  const all = Object.keys(config.journeys);
  for (const name of names) {
    if (Object.hasOwn(config.journeys, name)) continue;
    const hint = didYouMean(name, all) || ` (it has ${all.map(quote).join(', ')})`;
    throw new ArgError(`${file}: no journey ${quote(name)}${hint}`);
  }
  return [...new Set(names.length > 0 ? names : all)].map((name) => {
    const journey = config.journeys[name] as ConfigJourney;
    return { ...JOURNEY_DEFAULTS, ...settingsOf(journey), ...typed, name, urls: journey.urls };
  });
}

/** What `check` runs without a URL and without a config file: nothing, and it says why. */
export const NO_URL = `no URL given: partnero-inspector check <url> [<url> …], or list journeys in ${CONFIG_FILE}`;

/**
 * The journeys of this `check`: its URLs as one journey, or the config file's journeys
 * (`--config FILE`, else ./partnero-inspector.config.json) when no URL is given. `typed` gives
 * the options typed on the command line (args.ts `typedCheckSettings`).
 */
export async function planJourneys(
  opts: CheckOptions,
  typed: () => Partial<JourneySettings>,
): Promise<Journey[]> {
  const fromConfig = opts.config !== undefined || opts.journeys.length > 0;
  if (opts.urls.length > 0) {
    if (fromConfig)
      throw new ArgError('give URLs or the journeys of a config file (--config, --journey), not both');
    return [opts];
  }
  const file = opts.config ?? CONFIG_FILE;
  if (opts.config === undefined && !existsSync(file))
    throw new ArgError(
      opts.journeys.length > 0 ? `--journey needs ${CONFIG_FILE} here, or --config FILE` : NO_URL,
    );
  const { readConfig } = await import('./config');
  return selectJourneys(readConfig(file), file, opts.journeys, typed());
}

/**
 * The exit status: 1 when a page has a root finding at or above its journey's `failOn`, else 0
 * (the one threshold rule JUnit and the CI outputs apply too, src/report/severity.ts).
 */
export function journeysExitCode(report: Report, journeys: readonly Journey[]): 0 | 1 {
  return pagesFail(report.pages, failOnOf(journeys)) ? 1 : 0;
}

/** Each page's `failOn`: its journey's (for JUnit, which fails test cases as the exit status does). */
export function failOnOf(journeys: readonly Journey[]): (page: PageReport) => FailOn {
  const byName = new Map(journeys.map((j) => [j.name, j.failOn]));
  const fallback = journeys[0]?.failOn ?? JOURNEY_DEFAULTS.failOn;
  return (page) => byName.get(page.journey) ?? fallback;
}
