// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/types';
import { buildPageReport, buildReport } from '../build';
import {
  escapeWorkflowData,
  escapeWorkflowProperty,
  MAX_ANNOTATIONS,
  toGitHubAnnotations,
  withoutCommands,
} from '../github';
import { renderReport } from '../terminal';
import { finding, page, placeholderFindings } from './fixtures';
import { workflowCommands } from './workflow-runner';

const reportOf = (findings: Finding[], url = 'http://shop.test/pricing?aff=T') =>
  buildReport({
    version: '1.2.3',
    browser: 'chrome 156',
    startedAt: '2026-11-26T21:00:00.000Z',
    pages: [buildPageReport(url, page(), findings)],
  });

const forged = 'Buy\n::error::forged\r::add-mask::x %0A::warning::also forged, 100%: done';

describe('workflow command escaping', () => {
  it('escapes data as the runner unescapes it: %, CR, LF', () => {
    expect(escapeWorkflowData('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext: a, b');
  });

  it('escapes properties with their separators too', () => {
    expect(escapeWorkflowProperty('a: b, c%\n')).toBe('a%3A b%2C c%25%0A');
  });
});

describe('toGitHubAnnotations', () => {
  it('one annotation per finding: level, rule id as title, the message and the page', () => {
    const report = reportOf([
      finding('link.missing-client-reference-id', 'error', {
        message: 'Payment Link “Buy Pro” reaches Stripe without client_reference_id',
        target: { selector: 'a#buy-pro' },
      }),
      finding('link.test-mode', 'warning'),
      finding('program.multiple', 'info'),
    ]);
    const out = toGitHubAnnotations(report, 'error');
    expect(out.split('\n')[0]).toBe(
      '::error title=link.missing-client-reference-id::Payment Link “Buy Pro” reaches Stripe without client_reference_id at a#buy-pro (http://shop.test/pricing?aff=T)',
    );
    expect(workflowCommands(out).map((c) => [c.command, c.properties.title])).toEqual([
      ['error', 'link.missing-client-reference-id'],
      ['warning', 'link.test-mode'],
      ['notice', 'program.multiple'],
    ]);
  });

  it('each journey’s own failOn: red only for the pages whose journey fails on it', () => {
    const lax = buildPageReport('http://shop.test/blog', page(), [finding('link.test-mode', 'error')]);
    const strict = buildPageReport('http://shop.test/pricing', page(), [finding('link.test-mode', 'error')]);
    const report = buildReport({
      version: '1.2.3',
      browser: 'chrome 156',
      startedAt: '2026-11-26T21:00:00.000Z',
      pages: [
        { ...lax, journey: 'blog' },
        { ...strict, journey: 'checkout' },
      ],
    });
    const out = toGitHubAnnotations(report, (p) => (p.journey === 'blog' ? 'never' : 'error'));
    expect(workflowCommands(out).map((c) => [c.command, c.data.endsWith('(http://shop.test/blog)')])).toEqual(
      [
        ['warning', true],
        ['error', false],
      ],
    );
  });

  it.each([
    ['warning', ['error', 'error', 'notice']],
    ['never', ['warning', 'warning', 'notice']],
  ] as const)('--fail-on %s: red exactly for what fails the job', (failOn, levels) => {
    const report = reportOf([
      finding('snippet.missing', 'error'),
      finding('link.test-mode', 'warning'),
      finding('program.multiple', 'info'),
    ]);
    expect(workflowCommands(toGitHubAnnotations(report, failOn)).map((c) => c.command)).toEqual(levels);
  });

  it('page text cannot forge a second command: one line per finding, its text intact', () => {
    const url = 'http://shop.test/?q=%0A::error::url';
    const out = toGitHubAnnotations(
      reportOf([finding('program.placeholder', 'error', { message: forged })], url),
      'error',
    );
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    const commands = workflowCommands(out);
    expect(commands).toHaveLength(1);
    // Line breaks become spaces; the rest, `%0A` included, reads as the page wrote it.
    expect(commands[0]?.data).toBe(
      'Buy ::error::forged ::add-mask::x %0A::warning::also forged, 100%: done (http://shop.test/?q=%0A::error::url)',
    );
  });

  it('the title property is the rule id, read back whole', () => {
    const out = toGitHubAnnotations(reportOf([finding('program.placeholder', 'error')]), 'error');
    expect(workflowCommands(out)[0]?.properties).toEqual({ title: 'program.placeholder' });
  });

  it('consequences are counted in their cause, not annotated', () => {
    const commands = workflowCommands(toGitHubAnnotations(reportOf(placeholderFindings), 'error'));
    expect(commands.map((c) => c.properties.title)).toEqual(['program.placeholder']);
    expect(commands[0]?.data).toContain('(it explains 2 more findings)');
  });

  it(`stops at ${MAX_ANNOTATIONS} annotations and says how many more there are`, () => {
    const many = Array.from({ length: MAX_ANNOTATIONS + 5 }, (_, i) =>
      finding('link.test-mode', 'warning', { target: { selector: `a#l${i}` } }),
    );
    const commands = workflowCommands(toGitHubAnnotations(reportOf(many), 'error'));
    expect(commands).toHaveLength(MAX_ANNOTATIONS + 1);
    expect(commands.at(-1)).toEqual({
      command: 'notice',
      properties: { title: 'partnero-inspector' },
      data: '5 more findings: see the report',
    });
  });

  it('nothing to say for a clean report', () => {
    expect(toGitHubAnnotations(reportOf([]), 'error')).toBe('');
  });
});

describe('withoutCommands', () => {
  it('the readable report, which wraps page text onto lines of its own, runs no command', () => {
    const words = 'word '.repeat(14);
    const report = reportOf([
      finding('program.placeholder', 'error', { message: `${words}::error::forged` }),
    ]);
    const text = renderReport(report, { color: false, width: 80 });
    expect(workflowCommands(text)).not.toEqual([]); // the danger is real: wrapping starts a line with it
    const guarded = withoutCommands(text, '0b6c9a9e-7d2a-4c39-9a57-5a1f2b8e1c11');
    expect(workflowCommands(guarded)).toEqual([]);
    expect(guarded).toContain(text);
    expect(workflowCommands(`${guarded}::notice::after`)).toEqual([
      { command: 'notice', properties: {}, data: 'after' },
    ]);
  });

  it('refuses a token a page could guess or break', () => {
    expect(() => withoutCommands('x', 'short')).toThrow();
    expect(() => withoutCommands('x', 'a-long-token-with\nnewline')).toThrow();
  });
});
