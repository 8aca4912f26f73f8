// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../model/types';
import type { FailOn } from '../../report/severity';
import { type CheckOptions, exitCode, parseCheckArgs, usage } from '../args';

/** The hint for a path or a file where a page's URL is wanted. */
const PAGE_ADDRESS =
  'give the page’s full address, as a browser opens it (a file: serve its folder, then give its http://127.0.0.1:… address)';

const URL1 = 'http://127.0.0.1:8080/pricing.html';
const defaults: CheckOptions = {
  help: false,
  version: false,
  urls: [URL1],
  aff: undefined,
  param: 'aff',
  json: false,
  format: undefined,
  summary: undefined,
  report: undefined,
  junit: undefined,
  failOn: 'error',
  browser: 'chrome',
  stubPartnero: false,
  waitMs: 3000,
  fullWait: false,
  clickTest: true,
  timeoutMs: 30000,
  allowHttpErrors: false,
  config: undefined,
  journeys: [],
};

describe('parseCheckArgs accepts', () => {
  it.each<[string, string[], Partial<CheckOptions>]>([
    ['one URL with defaults', ['check', URL1], {}],
    ['--allow-http-errors', ['check', URL1, '--allow-http-errors'], { allowHttpErrors: true }],
    [
      'several URLs in order',
      ['check', URL1, 'https://shop.example/thanks?x=1'],
      { urls: [URL1, 'https://shop.example/thanks?x=1'] },
    ],
    ['referral', ['check', URL1, '--aff', 'TEST', '--param', 'ref'], { aff: 'TEST', param: 'ref' }],
    ['inline values', ['check', '--aff=-dash', URL1], { aff: '-dash' }],
    [
      'outputs',
      ['check', URL1, '--json', '--junit', 'out/junit.xml'],
      { json: true, format: 'json', junit: 'out/junit.xml' },
    ],
    ['fail-on warning', ['check', URL1, '--fail-on', 'warning'], { failOn: 'warning' }],
    ['fail-on never', ['check', URL1, '--fail-on=never'], { failOn: 'never' }],
    ['firefox', ['check', URL1, '--browser', 'firefox'], { browser: 'firefox' }],
    [
      'offline',
      ['check', URL1, '--stub-partnero', '--no-click-test'],
      { stubPartnero: true, clickTest: false },
    ],
    [
      'timings, zero allowed',
      ['check', URL1, '--wait', '0', '--timeout', '60000'],
      { waitMs: 0, timeoutMs: 60000 },
    ],
    ['options before the command', ['--json', 'check', URL1], { json: true, format: 'json' }],
    ['help alone', ['--help'], { help: true, urls: [] }],
    ['-h with a bad URL still helps', ['check', 'nope', '-h'], { help: true, urls: ['nope'] }],
    ['version alone', ['--version'], { version: true, urls: [] }],
    ['-v alone', ['-v'], { version: true, urls: [] }],
    // The journeys of a config file: no URL is refused later only when there is none (journeys.ts).
    ['no URL', ['check', '--json'], { json: true, format: 'json', urls: [] }],
    [
      'CI outputs',
      ['check', URL1, '--format', 'github', '--summary', 's.md', '--report', 'r.json'],
      { format: 'github', summary: 's.md', report: 'r.json' },
    ],
    [
      'journeys of a config file',
      ['check', '--config', 'ci.json', '--journey', 'a', '--journey=b'],
      { urls: [], config: 'ci.json', journeys: ['a', 'b'] },
    ],
  ])('%s', (_name, argv, expected) => {
    expect(parseCheckArgs(argv)).toEqual({ ok: true, options: { ...defaults, ...expected } });
  });
});

describe('parseCheckArgs refuses', () => {
  it.each<[string, string[], string]>([
    ['no arguments', [], 'missing command: partnero-inspector check <url> [<url> …]'],
    [
      'another command',
      ['run', URL1],
      'unknown command "run" (commands: check, audit, merge, demo, browsers, help)',
    ],
    ['a mistyped command', ['chek', URL1], 'unknown command "chek" — did you mean check?'],
    ['a mistyped option', ['check', URL1, '--afff', 'X'], 'unknown option "--afff" — did you mean --aff?'],
    [
      'a mistyped option with a value',
      ['check', URL1, '--stub-partner'],
      'unknown option "--stub-partner" — did you mean --stub-partnero?',
    ],
    [
      'the start of an option',
      ['check', URL1, '--allow'],
      'unknown option "--allow" — did you mean --allow-http-errors?',
    ],
    ['a relative URL', ['check', '/pricing'], `not an absolute http(s) URL: "/pricing" — ${PAGE_ADDRESS}`],
    [
      'a bare host',
      ['check', URL1, 'shop.example'],
      'not an absolute http(s) URL: "shop.example" — did you mean https://shop.example/?',
    ],
    [
      'a local dev server without its scheme',
      ['check', 'localhost:3000/pricing'],
      'not an absolute http(s) URL: "localhost:3000/pricing" — did you mean http://localhost:3000/pricing?',
    ],
    [
      'a scheme missing its colon',
      ['check', 'https//shop.example/pricing'],
      'not an absolute http(s) URL: "https//shop.example/pricing" — did you mean https://shop.example/pricing?',
    ],
    [
      'a guess with a control character in it: serialised, never raw',
      ['check', 'shop.example/\u001b[2J'],
      'not an absolute http(s) URL: "shop.example/\\u001b[2J" — did you mean https://shop.example/%1B[2J?',
    ],
    ['a file', ['check', './index.html'], `not an absolute http(s) URL: "./index.html" — ${PAGE_ADDRESS}`],
    [
      'a file name',
      ['check', 'pricing.html'],
      `not an absolute http(s) URL: "pricing.html" — ${PAGE_ADDRESS}`,
    ],
    [
      'a page of a host',
      ['check', 'shop.example/pricing.html'],
      'not an absolute http(s) URL: "shop.example/pricing.html" — did you mean https://shop.example/pricing.html?',
    ],
    [
      'another scheme',
      ['check', 'file:///etc/passwd'],
      `not an absolute http(s) URL: "file:///etc/passwd" — ${PAGE_ADDRESS}`,
    ],
    ['no guess for a word', ['check', 'shop'], 'not an absolute http(s) URL: "shop"'],
    [
      'no guess for another scheme',
      ['check', 'ftp://shop.example'],
      'not an absolute http(s) URL: "ftp://shop.example"',
    ],
    [
      'a malformed URL',
      ['check', 'http://exa mple.com'],
      'not an absolute http(s) URL: "http://exa mple.com"',
    ],
    ['an unknown option', ['check', URL1, '--colour'], 'unknown option "--colour"'],
    ['an unknown short option', ['check', URL1, '-x'], 'unknown option "-x"'],
    ['a missing value', ['check', URL1, '--aff'], "Option '--aff <value>' argument missing"],
    ['an option as value', ['check', URL1, '--junit', '--json'], "Option '--junit' argument is ambiguous"],
    ['a value for a flag', ['check', URL1, '--json=yes'], "Option '--json' does not take an argument"],
    ['an empty key', ['check', URL1, '--aff='], '--aff needs a non-empty value'],
    [
      'a bad fail-on',
      ['check', URL1, '--fail-on', 'info'],
      '--fail-on must be one of error, warning, never, got "info"',
    ],
    [
      'a bad browser',
      ['check', URL1, '--browser', 'safari'],
      '--browser must be one of chrome, firefox, got "safari"',
    ],
    [
      'a negative wait',
      ['check', URL1, '--wait=-1'],
      '--wait must be a whole number of milliseconds, got "-1"',
    ],
    [
      'a fractional timeout',
      ['check', URL1, '--timeout', '1.5'],
      '--timeout must be a whole number of milliseconds, got "1.5"',
    ],
    [
      'an exponent',
      ['check', URL1, '--wait', '1e3'],
      '--wait must be a whole number of milliseconds, got "1e3"',
    ],
    [
      'an unsafe integer',
      ['check', URL1, '--wait', '99999999999999999999'],
      '--wait must be a whole number of milliseconds, got "99999999999999999999"',
    ],
    ['a line break in a value', ['check', 'x\ny'], 'not an absolute http(s) URL: "x\\ny"'],
  ])('%s', (_name, argv, error) => {
    const result = parseCheckArgs(argv);
    expect(result).toEqual({ ok: false, error });
    expect(error).not.toContain('\n');
  });
});

describe('exitCode', () => {
  const s = (errors: number, warnings: number, infos: number): Summary => ({ errors, warnings, infos });
  it.each<[Summary, FailOn, 0 | 1]>([
    [s(0, 0, 0), 'error', 0],
    [s(0, 3, 5), 'error', 0],
    [s(1, 0, 0), 'error', 1],
    [s(0, 1, 0), 'warning', 1],
    [s(0, 0, 9), 'warning', 0],
    [s(2, 2, 2), 'never', 0],
  ])('%j with --fail-on %s → %i', (summary, failOn, code) => {
    expect(exitCode(summary, failOn)).toBe(code);
  });
});

describe('usage', () => {
  it.each([
    '--aff KEY',
    '--param NAME',
    '--json',
    '--junit FILE',
    '--fail-on',
    '--browser',
    '--stub-partnero',
    '--wait MS',
    '--no-click-test',
    '--timeout MS',
    '--help',
    '--version',
  ])('documents %s', (option) => {
    expect(usage()).toContain(option);
  });
});
