// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../model/types';
import { buildPageReport, buildReport } from '../build';
import { toGitLabCodeQuality } from '../gitlab';
import { finding, page, placeholderFindings } from './fixtures';

const reportOf = (...pages: [string, Finding[]][]) =>
  buildReport({
    version: '1.2.3',
    browser: 'chrome 156',
    startedAt: '2026-11-26T21:00:00.000Z',
    pages: pages.map(([url, findings]) => buildPageReport(url, page(), findings)),
  });

/** The report as GitLab reads it: the JSON text parsed. */
const issues = (...pages: [string, Finding[]][]) =>
  JSON.parse(toGitLabCodeQuality(reportOf(...pages))) as Record<string, unknown>[];

describe('toGitLabCodeQuality', () => {
  it('one issue per finding in the fields GitLab reads', () => {
    const [issue] = issues([
      'http://shop.test/pricing',
      [
        finding('link.missing-client-reference-id', 'error', {
          message: 'Payment Link reaches Stripe without client_reference_id',
          target: { selector: 'a#buy-pro' },
        }),
      ],
    ]);
    expect(issue).toEqual({
      description: 'Payment Link reaches Stripe without client_reference_id at a#buy-pro',
      check_name: 'link.missing-client-reference-id',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'critical',
      location: { path: 'http://shop.test/pricing', lines: { begin: 1 } },
    });
  });

  it('maps error, warning and info to critical, minor and info', () => {
    const found = issues([
      'http://shop.test/',
      [
        finding('snippet.missing', 'error'),
        finding('link.test-mode', 'warning'),
        finding('program.multiple', 'info'),
      ],
    ]);
    expect(found.map((i) => i.severity)).toEqual(['critical', 'minor', 'info']);
  });

  it('fingerprints: the same on the next run, different for another page, element or repeat', () => {
    const a = finding('link.test-mode', 'warning', { target: { selector: 'a#x' } });
    const b = finding('link.test-mode', 'warning', { target: { selector: 'a#y' } });
    const run = () =>
      issues(['http://shop.test/a', [a, b, a]], ['http://shop.test/b', [a]]).map((i) => i.fingerprint);
    const prints = run();
    expect(run()).toEqual(prints);
    expect(new Set(prints).size).toBe(4);
  });

  it('consequences are counted in their cause, not listed', () => {
    const found = issues(['http://shop.test/', placeholderFindings]);
    expect(found.map((i) => i.check_name)).toEqual(['program.placeholder']);
    expect(found[0]?.description).toContain('(it explains 2 more findings)');
  });

  it('page text stays one plain line', () => {
    const [issue] = issues([
      'http://shop.test/',
      [finding('program.placeholder', 'error', { message: 'a\nb\u001b[31m\u202ec' })],
    ]);
    expect(issue?.description).toBe('a bc');
  });

  it('a clean report is an empty array', () => {
    expect(toGitLabCodeQuality(reportOf(['http://shop.test/', []]))).toBe('[]\n');
  });
});
