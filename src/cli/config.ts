/**
 * The journeys' config file (`partnero-inspector.config.json`, or `--config FILE`): named
 * journeys, each a list of URLs and the options `check` would take for them. Validated with
 * zod; every problem is one line naming the file and the key path. Loaded only when `check`
 * runs journeys (zod takes ~90 ms to load).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FAIL_ON } from '../report/severity';
import { BROWSERS } from './args';
import { didYouMean } from './suggest';
import { ConfigError, isHttpUrl, notHttpUrl, quote } from './validate';

const Milliseconds = z.int().nonnegative();

/** One journey: its URLs, then the keys named after check's options (README, "Journeys in a config file"). */
const JourneySchema = z.strictObject({
  urls: z
    .array(z.string().refine(isHttpUrl, { error: (issue) => notHttpUrl(String(issue.input)) }))
    .min(1, 'lists no URL'),
  aff: z.string().min(1).optional(),
  param: z.string().min(1).optional(),
  failOn: z.enum(FAIL_ON).optional(),
  browser: z.enum(BROWSERS).optional(),
  stubPartnero: z.boolean().optional(),
  wait: Milliseconds.optional(),
  fullWait: z.boolean().optional(),
  clickTest: z.boolean().optional(),
  timeout: Milliseconds.optional(),
  allowHttpErrors: z.boolean().optional(),
});

/** The whole file. */
export const ConfigSchema = z.strictObject({
  journeys: z
    .record(z.string().min(1, 'a journey needs a name'), JourneySchema)
    .refine((journeys) => Object.keys(journeys).length > 0, 'lists no journey'),
});

/** A validated config file. */
export type Config = z.infer<typeof ConfigSchema>;
/** One validated journey of a config file. */
export type ConfigJourney = z.infer<typeof JourneySchema>;

/** The keys a journey may have, for "did you mean". */
const JOURNEY_KEYS = Object.keys(JourneySchema.shape);

/** `journeys.checkout.urls[1]`; a key that is not a plain name is quoted (`journeys["a b"]`). */
export function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[\w$-]+$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${quote(name)}]`;
    })
    .join('');
}

/** One line per problem zod found, an unknown key with the nearest known one. */
function problems(error: z.ZodError, file: string): string[] {
  return error.issues.flatMap((issue) => {
    const where = issue.path.length > 0 ? keyPath(issue.path) : '(top level)';
    if (issue.code !== 'unrecognized_keys') return [`${file}: ${where}: ${issue.message}`];
    const known = issue.path[0] === 'journeys' ? JOURNEY_KEYS : ['journeys'];
    return issue.keys.map((key) => `${file}: ${where}: unknown key ${quote(key)}${didYouMean(key, known)}`);
  });
}

/** The config in `text` (the contents of `file`), validated; a {@link ConfigError} when not. */
export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${file}: not valid JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = ConfigSchema.safeParse(json);
  if (!result.success) throw new ConfigError(problems(result.error, file));
  return result.data;
}

/** Reads and validates `file`; a {@link ConfigError} when it cannot be read or used. */
export function readConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code})`]);
  }
  return parseConfig(text, file);
}
