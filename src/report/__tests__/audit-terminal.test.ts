import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../cli/audit/run';
import { renderAudit } from '../audit-terminal';
import type { PageReport } from '../schema';

const page = (path: string, extra: Partial<PageReport> = {}): PageReport => ({
  url: `https://shop.example${path}`,
  finalUrl: `https://shop.example${path}`,
  queueName: 'po',
  programIds: ['X'],
  cookie: null,
  calls: [],
  transactions: [],
  links: [],
  requests: [],
  findings: [],
  ...extra,
});

const error = (rule: string, href?: string) =>
  ({
    rule,
    severity: 'error',
    message: 'm',
    ...(href && { target: { href } }),
  }) as PageReport['findings'][number];

const report: AuditReport = {
  tool: 'partnero-inspector',
  version: '1.0.0',
  browser: 'chrome 1',
  startedAt: '2026-12-03T00:00:00.000Z',
  summary: { errors: 2, warnings: 0, infos: 0 },
  pages: [
    page('/'),
    page('/blog/post?aff=TEST', { queueName: null }),
    page('/pricing', {
      links: [
        { href: 'https://buy.stripe.com/a', frame: 'top', clientReferenceId: null, kind: 'payment-link' },
        { href: 'https://buy.stripe.com/b', frame: 'top', clientReferenceId: null, kind: 'payment-link' },
      ] as PageReport['links'],
      findings: [
        error('link.missing-client-reference-id', 'https://buy.stripe.com/b'),
        error('network.request-failed'),
      ],
    }),
  ],
  audit: {
    start: 'https://shop.example/',
    referral: { param: 'aff', key: 'TEST' },
    found: 3,
    skipped: [],
    dropped: 4,
    failed: [{ url: 'https://shop.example/x', reason: 'answered 404' }],
  },
};

describe('renderAudit', () => {
  const text = renderAudit(report, { color: false, width: 72 });
  const rows = text.split('\n').filter((l) => /^ {2}\/\S*\s+(yes|NO)\s/.test(l));

  it('one row per page, worst first: errors, then a missing loader; the referral the audit added is not shown', () => {
    expect(rows.map((r) => r.trim().split(/\s+/))).toEqual([
      ['/pricing', 'yes', '1/1', '2', '0'],
      ['/blog/post', 'NO', '0/0', '0', '0'],
      ['/', 'yes', '0/0', '0', '0'],
    ]);
    expect(rows.every((r) => r.length <= 72)).toBe(true);
  });

  it('names the pages without the loader, those it could not check, and what the cap left out', () => {
    expect(text).toContain(
      '1 page without the Partnero loader: a partner linking here loses the referral.\n  /blog/post',
    );
    expect(text).toContain('https://shop.example/x: answered 404');
    expect(text).toContain('4 more left out by --max-pages');
  });

  it('no escape sequences without colour; page text cannot inject them', () => {
    const hostile = renderAudit({ ...report, pages: [page('/\u001b[31mred\u202e')] }, { color: false });
    expect(text).not.toContain('\u001b');
    expect(hostile).not.toContain('\u001b');
    expect(hostile).not.toContain('\u202e');
  });
});
