/**
 * JUnit XML for CI (`--junit FILE`): one suite per page, one test case per page × rule, so
 * a CI dashboard shows every rule that was checked, not only the ones that fired.
 */
import type { RuleId } from '../model/types';
import { RULE_IDS } from '../model/types';
import type { FindingReport, PageReport, Report } from './schema';
import { type FailOn, meetsThreshold } from './severity';

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

/**
 * One test case. Only root findings at or above `failOn` fail it, like the exit status;
 * consequences (`causedBy`) and lower severities go to `<system-out>` so nothing is lost.
 */
function testCase(rule: RuleId, findings: FindingReport[], failOn: FailOn): { xml: string; failed: boolean } {
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
  const open = `    <testcase classname="${area}" name="${rule}"`;
  const xml = body.length > 0 ? [`${open}>`, ...body, '    </testcase>'].join('\n') : `${open}/>`;
  return { xml, failed: failing.length > 0 };
}

function testSuite(page: PageReport, failOn: FailOn, timestamp: string): { xml: string; failures: number } {
  const cases = RULE_IDS.map((rule) =>
    testCase(
      rule,
      page.findings.filter((f) => f.rule === rule),
      failOn,
    ),
  );
  const failures = cases.filter((c) => c.failed).length;
  const open = `  <testsuite name="${escapeXml(page.url)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" timestamp="${timestamp}">`;
  return { xml: [open, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n'), failures };
}

/** The JUnit XML document of a report; `failures` counts failed test cases, not findings. */
export function toJUnit(report: Report, failOn: FailOn): string {
  // JUnit's schema wants a local date-time without zone; startedAt is UTC ISO.
  const timestamp = escapeXml(report.startedAt.slice(0, 19));
  const suites = report.pages.map((page) => testSuite(page, failOn, timestamp));
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
