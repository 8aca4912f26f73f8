// @vitest-environment node
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../model/types';
import { buildPageReport, buildReport } from '../build';
import { escapeXml, toJUnit } from '../junit';
import { ReportSchema } from '../schema';
import type { FailOn } from '../severity';
import { finding, page } from './fixtures';

const hostile = 'Buy <b>"Pro"</b> & \'more\'\x00\x1b[31m\ud800\uffff — ✓ 🎉';
const pages = [
  buildPageReport('http://shop.test/?a=1&b=<2>', page(), [
    finding('program.placeholder', 'error', { message: hostile, fix: 'Fill it in.' }),
    finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
    finding('link.test-mode', 'warning', { target: { selector: 'a#x' } }),
    finding('link.test-mode', 'warning', { target: { selector: 'a#y' } }),
    finding('program.multiple', 'info'),
  ]),
  buildPageReport('http://shop.test/thanks', page(), []),
];
const report = buildReport({
  version: '1.2.3',
  browser: 'chrome 156',
  startedAt: '2026-11-26T21:00:00.000Z',
  pages,
});

/** Parses with happy-dom's XML parser, which reports broken structure as <parsererror>. */
function parse(xml: string) {
  const doc = new new Window().DOMParser().parseFromString(xml, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}

describe('toJUnit', () => {
  it('starts from a report the schema accepts', () => {
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
  });

  it.each<[FailOn, number, string[]]>([
    ['error', 1, ['error']],
    ['warning', 2, ['error', 'warning', 'warning']],
    ['never', 0, []],
  ])('--fail-on %s: %i failed cases', (failOn, failedCases, failureTypes) => {
    const doc = parse(toJUnit(report, failOn));
    const root = doc.documentElement;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('tests')).toBe(String(2 * RULE_IDS.length));
    expect(root.getAttribute('failures')).toBe(String(failedCases));
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      'http://shop.test/?a=1&b=<2>',
      'http://shop.test/thanks',
    ]);
    expect(suites.map((s) => s.getElementsByTagName('testcase').length)).toEqual([
      RULE_IDS.length,
      RULE_IDS.length,
    ]);
    expect(suites[0]?.getAttribute('failures')).toBe(String(failedCases));
    expect(suites[1]?.getAttribute('failures')).toBe('0');
    const failures = [...doc.getElementsByTagName('failure')];
    expect(failures.map((f) => f.getAttribute('type'))).toEqual(failureTypes);
  });

  it('names cases by rule, classes by area, and keeps lower findings as output', () => {
    const doc = parse(toJUnit(report, 'error'));
    const cases = [...doc.getElementsByTagName('testcase')].slice(0, RULE_IDS.length);
    expect(cases.map((c) => c.getAttribute('name'))).toEqual([...RULE_IDS]);
    expect(cases[0]?.getAttribute('classname')).toBe('snippet');
    const byName = (rule: string) => cases.find((c) => c.getAttribute('name') === rule);
    expect(byName('snippet.queue-stuck')?.getElementsByTagName('failure')).toHaveLength(0);
    expect(byName('snippet.queue-stuck')?.textContent).toContain('caused by program.placeholder');
    expect(byName('link.test-mode')?.getElementsByTagName('system-out')[0]?.textContent).toContain(
      'element: a#y',
    );
    expect(byName('program.multiple')?.textContent).toContain('info: program.multiple happened');
  });

  it('escapes markup and drops what XML 1.0 cannot hold', () => {
    const failure = parse(toJUnit(report, 'error')).getElementsByTagName('failure')[0];
    const expected = 'Buy <b>"Pro"</b> & \'more\'[31m — ✓ 🎉';
    expect(failure?.getAttribute('message')).toBe(expected);
    expect(failure?.textContent).toBe(`error: ${expected}\nfix: Fill it in.`);
  });

  it('leaves no bare ampersand and no character XML 1.0 forbids (the parser above is lenient on both)', () => {
    const xml = toJUnit(report, 'warning');
    expect(xml.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/g)).toBeNull();
    expect(xml.match(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu)).toBeNull();
  });
});

describe('escapeXml', () => {
  it.each<[string, 'attribute' | 'text', string, string]>([
    ['markup', 'attribute', `<a href="x">&'</a>`, '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;'],
    ['markup in text', 'text', `<a href="x">&'</a>`, `&lt;a href="x"&gt;&amp;'&lt;/a&gt;`],
    ['whitespace survives attributes', 'attribute', 'a\nb\tc\rd', 'a&#10;b&#9;c&#13;d'],
    ['text keeps lines readable, CR survives', 'text', 'a\nb\tc\rd', 'a\nb\tc&#13;d'],
    ['C0 controls removed', 'text', 'a\x00\x01\x08\x0b\x0c\x1fb', 'ab'],
    ['lone surrogates and U+FFFE/F removed', 'attribute', 'a\ud800b\udc00c\ufffe\uffff', 'abc'],
    ['astral and BMP text kept', 'text', '𝄞 é ✓ ü', '𝄞 é ✓ ü'],
    [
      'C1 controls, bidi overrides and line separators removed',
      'text',
      'a\u0085b\u202ec\u2066d\u2028e',
      'abcde',
    ],
  ])('%s', (_name, context, input, expected) => {
    expect(escapeXml(input, context)).toBe(expected);
  });
});

describe('toJUnit of a config file’s journeys', () => {
  const journeys = buildReport({
    version: '1.2.3',
    browser: 'chrome 156',
    startedAt: '2026-11-26T21:00:00.000Z',
    pages: [
      { ...buildPageReport('http://shop.test/', page(), []), journey: 'landing' },
      {
        ...buildPageReport('http://shop.test/pricing', page(), [finding('link.test-mode', 'warning')]),
        journey: 'checkout',
      },
      { ...buildPageReport('http://shop.test/thanks', page(), []), journey: 'checkout' },
    ],
  });

  it('has one suite per journey, named by it, with a case per page × rule', () => {
    const doc = parse(toJUnit(journeys, 'error'));
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => s.getAttribute('name'))).toEqual(['landing', 'checkout']);
    expect(suites.map((s) => s.getAttribute('tests'))).toEqual([
      String(RULE_IDS.length),
      String(2 * RULE_IDS.length),
    ]);
    expect(doc.documentElement.getAttribute('tests')).toBe(String(3 * RULE_IDS.length));
    const names = [...(suites[1]?.getElementsByTagName('testcase') ?? [])].map((c) => c.getAttribute('name'));
    expect(names).toContain('link.test-mode @ http://shop.test/pricing');
    expect(names).toContain('link.test-mode @ http://shop.test/thanks');
  });

  it("fails each journey's cases at its own threshold", () => {
    const failOn = (p: { journey?: string }): FailOn => (p.journey === 'checkout' ? 'warning' : 'error');
    const doc = parse(toJUnit(journeys, failOn));
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => s.getAttribute('failures'))).toEqual(['0', '1']);
    expect(parse(toJUnit(journeys, 'error')).documentElement.getAttribute('failures')).toBe('0');
  });
});
