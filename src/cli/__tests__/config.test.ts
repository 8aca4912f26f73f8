// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_DEFAULTS, parseCheckArgs, typedCheckSettings } from '../args';
import { keyPath, parseConfig, readConfig } from '../config';
import { failOnOf, journeysExitCode, NO_URL, planJourneys, selectJourneys } from '../journeys';
import { ConfigError } from '../validate';

const FILE = 'partnero-inspector.config.json';
const json = (value: unknown) => JSON.stringify(value);

/** The one-line problems a config text gives, or [] when it is accepted. */
function problems(value: unknown): string[] {
  try {
    parseConfig(typeof value === 'string' ? value : json(value), FILE);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const CONFIG = {
  journeys: {
    landing: { urls: ['https://shop.example/'], aff: 'TEST', wait: 500 },
    checkout: {
      urls: ['https://shop.example/pricing', 'https://shop.example/thanks'],
      failOn: 'warning',
      browser: 'firefox',
      stubPartnero: true,
      timeout: 9000,
      clickTest: false,
    },
  },
};

describe('parseConfig', () => {
  it('accepts every documented key', () => {
    expect(problems(CONFIG)).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'a URL that is not one',
      { journeys: { checkout: { urls: ['https://a.example/', 'pricing.html'] } } },
      [
        `${FILE}: journeys.checkout.urls[1]: not an absolute http(s) URL: "pricing.html" — give the page’s full address, as a browser opens it (a file: serve its folder, then give its http://127.0.0.1:… address)`,
      ],
    ],
    ['no URL', { journeys: { a: { urls: [] } } }, [`${FILE}: journeys.a.urls: lists no URL`]],
    ['no journey', { journeys: {} }, [`${FILE}: journeys: lists no journey`]],
    [
      'a mistyped key, with the nearest',
      { journeys: { a: { urls: ['https://a.example/'], wiat: 500 } } },
      [`${FILE}: journeys.a: unknown key "wiat" — did you mean wait?`],
    ],
    [
      'an unknown top-level key',
      { journey: {} },
      [
        `${FILE}: journeys: Invalid input: expected record, received undefined`,
        `${FILE}: (top level): unknown key "journey" — did you mean journeys?`,
      ],
    ],
    [
      'a bad failOn and a bad wait, one line each',
      { journeys: { 'my journey': { urls: ['https://a.example/'], failOn: 'info', wait: -1 } } },
      [
        `${FILE}: journeys["my journey"].failOn: Invalid option: expected one of "error"|"warning"|"never"`,
        `${FILE}: journeys["my journey"].wait: Too small: expected number to be >=0`,
      ],
    ],
    ['not JSON', '{ "journeys": ', [`${FILE}: not valid JSON: Unexpected end of JSON input`]],
  ])('refuses %s', (_name, value, expected) => {
    expect(problems(value)).toEqual(expected);
  });

  it('says a file that is not there', () => {
    expect(() => readConfig('/nonexistent/ci.json')).toThrow(
      '/nonexistent/ci.json: cannot read it (no such file)',
    );
  });
});

describe('keyPath', () => {
  it('writes names with dots, indexes and odd names in brackets', () => {
    expect(keyPath(['journeys', 'checkout', 'urls', 1])).toBe('journeys.checkout.urls[1]');
    expect(keyPath(['journeys', 'a"b'])).toBe('journeys["a\\"b"]');
  });
});

describe('selectJourneys', () => {
  const config = parseConfig(json(CONFIG), FILE);

  it("runs every journey in the file's order, each with the file's values over the defaults", () => {
    expect(selectJourneys(config, FILE, [], {})).toEqual([
      { ...JOURNEY_DEFAULTS, name: 'landing', urls: ['https://shop.example/'], aff: 'TEST', waitMs: 500 },
      {
        ...JOURNEY_DEFAULTS,
        name: 'checkout',
        urls: ['https://shop.example/pricing', 'https://shop.example/thanks'],
        failOn: 'warning',
        browser: 'firefox',
        stubPartnero: true,
        timeoutMs: 9000,
        clickTest: false,
      },
    ]);
  });

  it('runs the named ones, in the order named, options typed on the command line over the file', () => {
    const argv = [
      'check',
      '--journey',
      'checkout',
      '--journey',
      'landing',
      '--wait',
      '100',
      '--browser',
      'chrome',
    ];
    const parsed = parseCheckArgs(argv);
    if (!parsed.ok) throw new Error(parsed.error);
    const journeys = selectJourneys(config, FILE, parsed.options.journeys, typedCheckSettings(argv));
    expect(journeys.map((j) => [j.name, j.waitMs, j.browser, j.aff, j.failOn])).toEqual([
      ['checkout', 100, 'chrome', undefined, 'warning'],
      ['landing', 100, 'chrome', 'TEST', 'error'],
    ]);
  });

  it('types only what was typed: defaults never override the file', () => {
    expect(typedCheckSettings(['check', '--json'])).toEqual({});
    expect(typedCheckSettings(['check', '--no-click-test', '--fail-on', 'never'])).toEqual({
      clickTest: false,
      failOn: 'never',
    });
  });

  it('refuses a journey the file does not have, naming the nearest', () => {
    expect(() => selectJourneys(config, FILE, ['chekout'], {})).toThrow(
      `${FILE}: no journey "chekout" — did you mean checkout?`,
    );
    expect(() => selectJourneys(config, FILE, ['zzz'], {})).toThrow(
      `${FILE}: no journey "zzz" (it has "landing", "checkout")`,
    );
  });
});

describe('planJourneys', () => {
  const options = (argv: string[]) => {
    const parsed = parseCheckArgs(argv);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.options;
  };

  it('takes the URLs as one unnamed journey', async () => {
    const journeys = await planJourneys(options(['check', 'https://a.example/']), () => ({}));
    expect(journeys.map((j) => [j.name, j.urls])).toEqual([[undefined, ['https://a.example/']]]);
  });

  it('refuses URLs with --journey', async () => {
    await expect(
      planJourneys(options(['check', 'https://a.example/', '--journey', 'a']), () => ({})),
    ).rejects.toThrow(/not both/);
  });

  it('without a URL and without a config file here, says how to give either', async () => {
    // The tests run in the repository's root, which has no config file.
    await expect(planJourneys(options(['check']), () => ({}))).rejects.toThrow(NO_URL);
    expect(NO_URL).toContain(FILE);
  });

  it('reads --config FILE', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pi-config-')), 'ci.json');
    writeFileSync(file, json(CONFIG));
    const argv = ['check', '--config', file, '--journey', 'landing'];
    const journeys = await planJourneys(options(argv), () => typedCheckSettings(argv));
    expect(journeys.map((j) => j.name)).toEqual(['landing']);
  });
});

describe('journeysExitCode', () => {
  const pageOf = (journey: string, severity: 'error' | 'warning') => ({
    journey,
    findings: [{ rule: 'link.test-mode' as const, severity, message: 'm' }],
  });
  const report = {
    pages: [pageOf('a', 'warning'), pageOf('b', 'warning')],
  } as unknown as Parameters<typeof journeysExitCode>[0];
  const journey = (name: string, failOn: 'error' | 'warning' | 'never') => ({
    ...JOURNEY_DEFAULTS,
    name,
    urls: [],
    failOn,
  });

  it("applies each journey's failOn to its own pages", () => {
    expect(journeysExitCode(report, [journey('a', 'error'), journey('b', 'error')])).toBe(0);
    expect(journeysExitCode(report, [journey('a', 'error'), journey('b', 'warning')])).toBe(1);
    expect(failOnOf([journey('a', 'never'), journey('b', 'warning')])({ journey: 'b' } as never)).toBe(
      'warning',
    );
  });
});
