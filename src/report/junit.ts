/**
 * JUnit XML for CI (`--junit FILE`): one suite per page (per journey for a config file's
 * journeys), one test case per page × rule, so a CI dashboard shows every rule that was
 * checked, not only the ones that fired.
 */
import type { RuleId } from '../model/types';
import { RULE_IDS } from '../model/types';
import type { FindingReport, PageReport, Report } from './schema';
import { type FailOn, type FailOnOf as FailOnOfPage, meetsThreshold, thresholdFor } from './severity';

/** Everything XML 1.0 cannot carry, even escaped: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F. */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/**
 * Legal in XML but acted on where CI shows the report: DEL and C1 controls, bidi marks and
 * overrides that reorder a line, U+2028/2029. Page text never needs them: they are dropped.
 */
const INERT = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ENTITIES: Partial<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute values are whitespace-normalised by parsers; character references survive.
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

const SPECIALS = { attribute: /[&<>"'\n\r\t]/g, text: /[&<>\r]/g };

/** Escapes text for an XML 1.0 attribute value or element content, dropping what XML cannot hold. */
export function escapeXml(text: string, context: keyof typeof SPECIALS = 'attribute'): string {
  return text
    .replace(ILLEGAL_XML, '')
    .replace(INERT, '')
    .replace(SPECIALS[context], (c) => ENTITIES[c] ?? c);
}

/** A finding as readable lines: message, why it is not counted, where, how to fix. */
function describe(finding: FindingReport): string {
  const { selector, href } = finding.target ?? {};
  return [
    `${finding.severity}: ${finding.message}`,
    finding.causedBy && `caused by ${finding.causedBy}`,
    selector && `element: ${selector}`,
    href && `url: ${href}`,
    finding.fix && `fix: ${finding.fix}`,
  ]
    .filter((line) => typeof line === 'string' && line !== '')
    .join('\n');
}

/** The threshold of `--fail-on`, or each page's own. */
export type FailOnOf = FailOnOfPage<PageReport>;

/**
 * One test case. Only root findings at or above `failOn` fail it, like the exit status;
 * consequences (`causedBy`) and lower severities go to `<system-out>` so nothing is lost.
 * `name` is the rule id, followed by ` @ <page URL>` when the suite holds several pages.
 */
function testCase(
  rule: RuleId,
  findings: FindingReport[],
  failOn: FailOn,
  page?: string,
): { xml: string; failed: boolean } {
  const failing = findings.filter((f) => f.causedBy === undefined && meetsThreshold(f.severity, failOn));
  const logged = findings.filter((f) => !failing.includes(f));
  const area = rule.slice(0, rule.indexOf('.'));
  const body = [
    ...failing.map(
      (f) =>
        `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(describe(f), 'text')}</failure>`,
    ),
    ...(logged.length > 0
      ? [`      <system-out>${escapeXml(logged.map(describe).join('\n\n'), 'text')}</system-out>`]
      : []),
  ];
  const name = page === undefined ? rule : `${rule} @ ${escapeXml(page)}`;
  const open = `    <testcase classname="${area}" name="${name}"`;
  const xml = body.length > 0 ? [`${open}>`, ...body, '    </testcase>'].join('\n') : `${open}/>`;
  return { xml, failed: failing.length > 0 };
}

/**
 * One suite: a page's (named by its URL), or a config file's journey's (named by the journey,
 * one test case per page × rule).
 */
function testSuite(
  name: string,
  pages: readonly PageReport[],
  failOn: FailOnOf,
  timestamp: string,
): { xml: string; failures: number } {
  const cases = pages.flatMap((page) => {
    const threshold = thresholdFor(failOn, page);
    const label = page.journey === undefined ? undefined : page.url;
    return RULE_IDS.map((rule) =>
      testCase(
        rule,
        page.findings.filter((f) => f.rule === rule),
        threshold,
        label,
      ),
    );
  });
  const failures = cases.filter((c) => c.failed).length;
  const open = `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${timestamp}">`;
  return { xml: [open, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n'), failures };
}

/** The suites' pages: one suite per page, except a config file's journey's pages, which share one. */
function suitesOf(pages: readonly PageReport[]): { name: string; pages: PageReport[] }[] {
  const suites: { name: string; pages: PageReport[] }[] = [];
  for (const page of pages) {
    const last = suites.at(-1);
    if (page.journey !== undefined && last?.name === page.journey && last.pages[0]?.journey !== undefined)
      last.pages.push(page);
    else suites.push({ name: page.journey ?? page.url, pages: [page] });
  }
  return suites;
}

/**
 * The JUnit XML document of a report; `failures` counts failed test cases, not findings.
 * `failOn` is the threshold, or each page's (a config file's journeys each have their own).
 */
export function toJUnit(report: Report, failOn: FailOnOf): string {
  // JUnit's schema wants a local date-time without zone; startedAt is UTC ISO.
  const timestamp = escapeXml(report.startedAt.slice(0, 19));
  const suites = suitesOf(report.pages).map((s) => testSuite(s.name, s.pages, failOn, timestamp));
  const tests = report.pages.length * RULE_IDS.length;
  const failures = suites.reduce((sum, s) => sum + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="partnero-inspector" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
