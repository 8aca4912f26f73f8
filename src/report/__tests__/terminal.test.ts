// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Json } from '../../model/types';
import { runRules } from '../../rules';
import {
  call,
  create,
  NO_HISTORY,
  request,
  link as rulesLink,
  page as rulesPage,
  transaction,
} from '../../rules/__tests__/fixtures';
import { buildPageReport, buildReport } from '../build';
import { renderProgress, renderReport } from '../terminal';
import { clean, safeJson } from '../text';
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
    ['root finding: its sentence after the mark', '    ✗ program.placeholder happened'],
    ['fix under it', '      fix: Use your program id.'],
    ['rule id last, alone when the finding has no target', '      program.placeholder\n'],
    ['consequences introduced in words', '      because of the problem above:'],
    [
      'consequence under its cause',
      '        ✗ snippet.queue-stuck happened\n          snippet.queue-stuck\n',
    ],
    ['consequence of a consequence nests deeper', '            ✗ cookie.missing-after-referral happened'],
    ['rule id and target', '      link.test-mode · at a#buy-pro https://buy.stripe.com/test_abc'],
    [
      'orphan consequence listed in its group',
      '    ! transaction.duplicate happened\n      transaction.duplicate\n',
    ],
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

  it('says a finding in words first: the sentence, then the fix, the rule id last', () => {
    const block = lines.slice(lines.indexOf('    ✗ program.placeholder happened'));
    expect(block.slice(0, 3)).toEqual([
      '    ✗ program.placeholder happened',
      '      fix: Use your program id.',
      '      program.placeholder',
    ]);
    expect(plain).not.toContain('caused by');
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
    expect(out).toContain('    ! Buy now\n      link.test-mode · at a\n');
  });
});

/** A report of one page with these findings. */
const reportOf = (findings: Parameters<typeof buildPageReport>[2], state = page()) =>
  buildReport({
    version: '1',
    browser: 'b',
    startedAt: new Date(0),
    pages: [buildPageReport('http://shop.test/', state, findings, 'cli')],
  });

describe('renderReport with several roots of one rule on a page', () => {
  const API = 'https://app.partnero.com/pub/v1/transactions';
  const payload = transaction({ key: 'STRIPE_CHARGE_ID', amount: '{{ order.total }}' });
  const state = rulesPage({
    calls: [...rulesPage().calls, call(...create(payload))],
    requests: [
      ...rulesPage().requests,
      request(API, {
        method: 'POST',
        status: 422,
        requestBody: JSON.stringify({ data: (payload as { data: Json }).data }),
      }),
    ],
  });
  const findings = runRules({ page: state, history: NO_HISTORY });
  const text = renderReport(reportOf(findings, state), { color: false, width: 120 });

  /** The first line of each root (4 spaces and a mark) with the first lines of the findings under it. */
  function outline(out: string): [string, string[]][] {
    const tree: [string, string[]][] = [];
    for (const line of out.split('\n')) {
      if (/^ {4}[✗!?·] /.test(line)) tree.push([line.trim(), []]);
      else if (/^ {8}[✗!?·] /.test(line)) tree.at(-1)?.[1].push(line.trim());
    }
    return tree;
  }

  it('prints each consequence once, under the one finding that explains it', () => {
    expect(outline(text).filter(([root]) => root.startsWith('✗'))).toEqual([
      [
        '✗ data.key is "STRIPE_CHARGE_ID": a template value left unfilled, so Partnero cannot match this sale.',
        [
          `✗ POST ${API} failed: HTTP 422.`,
          '! data.key is "STRIPE_CHARGE_ID", not a Stripe charge id (ch_… or py_…).',
        ],
      ],
      [
        '✗ data.amount is "{{ order.total }}": a template value left unfilled, so Partnero cannot match this sale.',
        [
          '✗ data.amount is "{{ order.total }}": Partnero needs a number ≥ 0 or a plain numeric string like "99.99".',
        ],
      ],
    ]);
    expect(text).toContain('  Errors (2)\n');
  });
});

describe('renderReport of a page that flooded the caps', () => {
  it('says how many events were not recorded, and the JSON carries the count', () => {
    const flooded = page({ dropped: 1234 });
    expect(buildPageReport('http://shop.test/', flooded, []).dropped).toBe(1234);
    const text = renderReport(reportOf([], flooded), { color: false });
    expect(text).toContain("  ! 1234 events not recorded: the page exceeded the inspector's caps");
    expect(buildPageReport('http://shop.test/', page(), []).dropped).toBeUndefined();
  });
});

describe('renderReport of a check run from the command line', () => {
  it("gives fixes in the command line's words, never the extension's buttons", () => {
    // Not referred, a Payment Link not clicked: both fixes name an action of the extension.
    const state = rulesPage({ links: [rulesLink()] });
    const findings = runRules({ page: state, history: NO_HISTORY });
    expect(findings.map((f) => f.rule).sort()).toEqual(['cookie.absent', 'link.missing-client-reference-id']);
    const out = renderReport(reportOf(findings, state), { color: false });
    expect(out).toContain('--no-click-test');
    expect(out).toContain('--aff TEST');
    expect(out).not.toMatch(/popup|panel|Simulate|Test links|tick/i);
  });
});

describe('renderReport wrapped to the terminal', () => {
  const LONG = 'https://buy.stripe.com/test_aEU5lm4gR8pQ2xY7zZ00000000000000';
  const wide = reportOf([
    finding('program.placeholder', 'error', {
      message:
        'The program is loaded with the id "PUBLIC_PROGRAM_ID": a template value left unfilled, so no program settings load.',
      fix: 'Replace it with your public program id from Partnero → Integration.',
    }),
    finding('link.test-mode', 'warning', {
      message: `Payment Link "Buy the Pro plan" (${LONG}) is a Stripe test-mode link: buyers cannot pay with it.`,
      target: { selector: 'a#buy-pro', href: LONG },
    }),
    finding('snippet.queue-stuck', 'error', {
      message: '2 calls still wait in po.q: universal.js never took over the queue, so nothing was tracked.',
      causedBy: 'program.placeholder',
      causeIndex: 0,
    }),
  ]);
  const at = (width: number) => renderReport(wide, { color: false, width });

  it('wraps at 40 columns on spaces, continuation lines hanging under the text', () => {
    expect(at(40)).toContain(
      [
        '    ✗ The program is loaded with the id',
        '      "PUBLIC_PROGRAM_ID": a template',
        '      value left unfilled, so no program',
        '      settings load.',
        '      fix: Replace it with your public',
        '           program id from Partnero →',
        '           Integration.',
        '      program.placeholder',
        '      because of the problem above:',
        '        ✗ 2 calls still wait in po.q:',
        '          universal.js never took over',
        '          the queue, so nothing was',
        '          tracked.',
        '          snippet.queue-stuck',
      ].join('\n'),
    );
  });

  it('keeps a URL longer than the line whole, on a line of its own, and a quoted value in one piece', () => {
    expect(at(40)).toContain(
      [
        '    ! Payment Link "Buy the Pro plan"',
        `      (${LONG})`,
        '      is a Stripe test-mode link: buyers',
        '      cannot pay with it.',
        '      link.test-mode · at a#buy-pro',
        `      ${LONG}`,
      ].join('\n'),
    );
  });

  it.each([40, 80, 120])('fits its findings in %i columns, except a URL that cannot', (width) => {
    const out = at(width).split('\n');
    const findings = out.slice(
      out.indexOf('  Errors (1)'),
      out.indexOf('1 error, 1 warning, 0 infos — 1 page checked'),
    );
    const over = findings.filter((line) => line.length > width);
    // Only a line of one unbreakable word (after its indent and lead) runs over.
    expect(over.map((line) => line.trim().replace(/^([✗!?·]|fix:) /, ''))).toEqual(
      over.map(() => expect.stringMatching(/^\S+$/)),
    );
    expect(over.length).toBe(width < LONG.length + 8 ? 2 : 0);
  });

  it.each([40, 80, 100, 120])('keeps the nesting of consequences at %i columns', (width) => {
    const out = at(width);
    expect(out).toMatch(/^ {8}✗ 2 calls still wait/m);
    expect(out).toMatch(/^ {10}snippet\.queue-stuck$/m);
  });

  it('reads the same at every width once the line breaks are undone', () => {
    const flat = (out: string) => out.replace(/\n +/g, ' ');
    expect(flat(at(40))).toBe(flat(at(120)));
  });

  it('does not count colour codes toward the width', () => {
    const coloured = renderReport(wide, { color: true, width: 40 });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing our own SGR codes.
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(at(40));
  });

  it('is 80 columns wide unless told', () => {
    expect(renderReport(wide, { color: false })).toBe(at(80));
  });

  it('wraps a checklist detail only between its values', () => {
    const rows = at(40).split('\n');
    const cookie = rows.findIndex((line) => line.startsWith('  ✓ Referral cookie'));
    expect(rows[cookie]).toBe('  ✓ Referral cookie  partnero_partner=TEST,');
    expect(rows[cookie + 1]).toMatch(/^ {21}expires \d{4}-\d{2}-\d{2}$/);
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
    ['Arabic letter mark', 'a\u061cb', 'ab'],
    ['line and paragraph separators become spaces', 'a\u2028b\u2029c', 'a b c'],
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

describe('safeJson', () => {
  it('escapes C1 controls, bidi marks and overrides and U+2028/2029, and parses back to the same value', () => {
    const hostile = { text: 'a\u0085b\u009bc\u202ed\u2066e\u2028f\u2029g\u200fh\u061ci\u007fj' };
    const text = safeJson(hostile, 2);
    expect(text).not.toMatch(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('a\\u0085b\\u009bc\\u202ed');
    expect(JSON.parse(text)).toEqual(hostile);
  });
});

describe('renderReport of a config file’s journeys', () => {
  const journeys = buildReport({
    version: '1.2.3',
    browser: 'chrome 156.0.0.0',
    startedAt: new Date(0),
    pages: [
      { ...broken, journey: 'checkout' },
      { ...clean1, journey: 'checkout' },
      { ...clean1, journey: 'landing\x1b[31m' },
    ],
  });
  const text = renderReport(journeys, { color: false });

  it('heads each journey once, before its pages, its name inert', () => {
    const headings = text.split('\n').filter((line) => line.startsWith('── Journey'));
    expect(headings).toEqual(['── Journey checkout ──', '── Journey landing ──']);
    expect(text.indexOf('── Journey checkout ──')).toBeLessThan(
      text.indexOf('http://shop.test/pricing?aff=TEST'),
    );
    expect(text).not.toContain(ESC);
  });

  it('has no heading for a journey of URLs', () => {
    expect(plain).not.toContain('Journey');
  });
});
