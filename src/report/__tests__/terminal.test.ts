// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildPageReport, buildReport } from '../build';
import { renderProgress, renderReport } from '../terminal';
import { clean } from '../text';
import { finding, link, page } from './fixtures';

const ESC = '\x1b';
const clicked = link({ afterClick: null, clickedBy: 'test' });
const broken = buildPageReport(
  'http://shop.test/pricing?aff=TEST',
  page({ links: [clicked], cookie: null }),
  [
    finding('program.placeholder', 'error', { fix: 'Use your program id.' }),
    finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
    finding('cookie.missing-after-referral', 'error', { causedBy: 'snippet.queue-stuck' }),
    finding('link.test-mode', 'warning', {
      target: { selector: 'a#buy-pro', href: 'https://buy.stripe.com/test_abc' },
    }),
    finding('transaction.duplicate', 'warning', { causedBy: 'transaction.schema' }),
    finding('program.multiple', 'info'),
  ],
);
const clean1 = buildPageReport('http://shop.test/', page({ url: 'http://shop.test/thanks' }), []);
const report = buildReport({
  version: '1.2.3',
  browser: 'chrome 156.0.0.0',
  startedAt: new Date(0),
  pages: [broken, clean1],
});
const plain = renderReport(report, { color: false });
const lines = plain.split('\n');

/** Controls a terminal acts on (all but line feed) and the bidi override. */
const unsafeCharacters = (text: string) =>
  [...text].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return (code < 0x20 && ch !== '\n') || (code >= 0x7f && code <= 0x9f) || ch === '\u202e';
  });

describe('renderReport', () => {
  it.each<[string, string]>([
    ['header', 'partnero-inspector 1.2.3 · chrome 156.0.0.0'],
    ['page URL', 'http://shop.test/pricing?aff=TEST'],
    ['final URL when redirected', '  → http://shop.test/thanks'],
    ['checklist row with mark', '  ✗ Program          abc123'],
    ['row explained by another', '  ✗ Referral cookie  not set — see Loader'],
    ['ok row', '  ✓ Loader           queue po, universal.js running'],
    ['severity group', '  Errors (1)'],
    ['root finding', '    ✗ program.placeholder  program.placeholder happened'],
    ['fix under it', '      fix: Use your program id.'],
    [
      'consequence under its cause',
      '        ✗ snippet.queue-stuck (caused by program.placeholder)  snippet.queue-stuck happened',
    ],
    [
      'consequence of a consequence nests deeper',
      '            ✗ cookie.missing-after-referral (caused by snippet.queue-stuck)',
    ],
    ['target', '      at a#buy-pro https://buy.stripe.com/test_abc'],
    ['orphan consequence listed in its group', '    ! transaction.duplicate (caused by transaction.schema)'],
    ['clean page', '  No findings.'],
    ['summary', '1 error, 1 warning, 1 info — 2 pages checked'],
  ])('%s', (_name, expected) => {
    expect(plain).toContain(expected);
  });

  it('says how long the journey and the browser start took when the check timed them', () => {
    const timed = renderReport(
      { ...report, timing: { browserStartMs: 612, journeyMs: 9_449 } },
      { color: false },
    );
    expect(timed).toContain('1 error, 1 warning, 1 info — 2 pages checked in 9.4 s (browser start 0.6 s)');
    expect(plain).not.toMatch(/ in \d/);
  });

  it('groups by severity, errors first', () => {
    const order = ['  Errors (1)', '  Warnings (2)', '  Infos (1)'].map((title) => lines.indexOf(title));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
  });

  it('writes no escape sequence without colour, and some with it', () => {
    expect(plain).not.toContain(ESC);
    const coloured = renderReport(report, { color: true });
    expect(coloured).toContain(`${ESC}[31m✗${ESC}[39m`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing our own SGR codes.
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('shows a hostile page only as inert text', () => {
    const hostile = `http://evil.test/${ESC}]0;pwned${ESC}\\${ESC}[2J\r\nFAKE${ESC}[31m\u009b1m\u202e`;
    const evil = buildPageReport(hostile, page({ url: hostile }), [
      finding('link.test-mode', 'warning', {
        message: `Buy ${ESC}]8;;http://x${ESC}\\now${ESC}c`,
        target: { selector: `a${ESC}[8m` },
      }),
    ]);
    const out = renderReport(
      buildReport({ version: '1', browser: 'b', startedAt: new Date(0), pages: [evil] }),
      { color: false },
    );
    expect(unsafeCharacters(out)).toEqual([]);
    expect(out).toContain('http://evil.test/ FAKE');
    expect(out.split('\n').find((line) => line.includes('link.test-mode'))).toBe(
      '    ! link.test-mode  Buy now',
    );
    expect(out).toContain('      at a');
  });
});

describe('renderReport with the path of docs/rules.md', () => {
  const DOCS = '/opt/partnero-inspector/docs/rules.md';

  it('ends by saying where to read about each rule that appears, once, in catalog order', () => {
    const text = renderReport(report, { color: false, docs: DOCS });
    expect(text.split('\n').slice(-11)).toEqual([
      '',
      'Learn more about these rules:',
      '  snippet.queue-stuck            /opt/partnero-inspector/docs/rules.md#snippet.queue-stuck',
      '  program.placeholder            /opt/partnero-inspector/docs/rules.md#program.placeholder',
      '  program.multiple               /opt/partnero-inspector/docs/rules.md#program.multiple',
      '  cookie.missing-after-referral  /opt/partnero-inspector/docs/rules.md#cookie.missing-after-referral',
      '  link.test-mode                 /opt/partnero-inspector/docs/rules.md#link.test-mode',
      '  transaction.duplicate          /opt/partnero-inspector/docs/rules.md#transaction.duplicate',
      '',
      '1 error, 1 warning, 1 info — 2 pages checked',
      '',
    ]);
    expect(text.startsWith(plain.split('\n1 error')[0] ?? '')).toBe(true);
  });

  it('says nothing more when there are no findings', () => {
    const none = buildReport({ version: '1', browser: 'b', startedAt: new Date(0), pages: [clean1] });
    expect(renderReport(none, { color: false, docs: DOCS })).toBe(renderReport(none, { color: false }));
  });
});

describe('clean', () => {
  it.each<[string, string, string]>([
    ['CSI colour', `${ESC}[1;31mred${ESC}[0m`, 'red'],
    ['OSC title ended by BEL', `${ESC}]0;title\x07text`, 'text'],
    ['OSC hyperlink ended by ST', `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['8-bit CSI', '\u009b31mx', '31mx'],
    ['line breaks become spaces', 'a\r\nb\tc', 'a b c'],
    ['NUL, BEL, backspace, DEL', 'a\x00\x07\x08\x7fb', 'ab'],
    ['bidi override', 'abc\u202edef\u2066', 'abcdef'],
    ['normal text is kept', 'Payment Link “Buy Pro” — ✓', 'Payment Link “Buy Pro” — ✓'],
    ['capped', 'x'.repeat(600), `${'x'.repeat(499)}…`],
  ])('%s', (_name, input, expected) => {
    expect(clean(input)).toBe(expected);
  });
});

describe('renderProgress', () => {
  it.each<[number, number, string, string]>([
    [0, 3, 'http://shop.test/', '[1/3] http://shop.test/'],
    [2, 3, `http://x.test/${ESC}[2K`, '[3/3] http://x.test/'],
    [0, 1, `http://x.test/${'a'.repeat(200)}`, `[1/1] http://x.test/${'a'.repeat(65)}…`],
  ])('%i/%i %s', (index, total, url, expected) => {
    expect(renderProgress(index, total, url)).toBe(expected);
  });
});
