// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auditUsage, DEFAULT_CONCURRENCY, parseAuditArgs } from '../args';

describe('parseAuditArgs', () => {
  it('defaults: 50 pages, robots.txt obeyed, what this machine takes at once, the adaptive watch', () => {
    const parsed = parseAuditArgs(['audit', 'https://shop.example/']);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        start: 'https://shop.example/',
        maxPages: 50,
        concurrency: DEFAULT_CONCURRENCY,
        obeyRobots: true,
        fullWait: false,
        waitMs: 3000,
        failOn: 'error',
        shard: undefined,
      },
    });
  });

  it('takes the audit options and the check options', () => {
    const parsed = parseAuditArgs([
      'audit',
      'http://127.0.0.1:8080/',
      '--max-pages=7',
      '--concurrency',
      '3',
      '--shard',
      '2/3',
      '--sitemap',
      'http://127.0.0.1:8080/s.xml',
      '--ignore-robots',
      '--aff',
      'KEY',
      '--json',
      '--full-wait',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        maxPages: 7,
        concurrency: 3,
        shard: { index: 2, count: 3 },
        sitemap: 'http://127.0.0.1:8080/s.xml',
        obeyRobots: false,
        aff: 'KEY',
        json: true,
        format: 'json',
        fullWait: true,
      },
    });
  });

  it.each([
    [['audit'], /no URL given/],
    [['audit', 'shop.example'], /not an absolute http/],
    [['audit', 'https://a.example/', 'https://b.example/'], /one start URL/],
    [['audit', 'https://a.example/', '--max-pages', '0'], /--max-pages must be a whole number from 1/],
    [['audit', 'https://a.example/', '--concurrency', '2.5'], /--concurrency/],
    [['audit', 'https://a.example/', '--shard', '4/3'], /--shard/],
    [
      ['audit', 'https://a.example/', '--max-page', '3'],
      /^unknown option "--max-page" — did you mean --max-pages\?$/,
    ],
  ])('refuses %j with one line', (argv, message) => {
    const parsed = parseAuditArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });

  it('--help needs no URL, and the text has examples', () => {
    expect(parseAuditArgs(['audit', '--help'])).toMatchObject({ ok: true, options: { help: true } });
    expect(auditUsage()).toContain('partnero-inspector audit https://');
  });
});
