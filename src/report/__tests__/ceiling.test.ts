// @vitest-environment node
/**
 * The report's byte ceiling: whatever the pages hold, the report as `check --json` prints it
 * stays within it, trimmed oldest page data first, counted in `dropped`, verdict unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { PoCall } from '../../model/types';
import { TRIMMED } from '../../store/budget';
import { buildPageReport, buildReport } from '../build';
import { fitReport, REPORT_BYTES, reportBytes } from '../ceiling';
import { type Report, ReportSchema } from '../schema';
import { finding, link, page } from './fixtures';

/** 2,000 UTF-16 units, up to 4 bytes each in UTF-8. */
const WIDE = 'abc数据库🦄'.repeat(250);
const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

/** A page report the size of a hostile page's: big calls, transactions, links and findings. */
function hugePage(url: string) {
  const calls: PoCall[] = many(60, (i) => ({
    args: ['transactions', 'create', { data: { key: `ch_${i}`, amount: 1, notes: [WIDE, WIDE, WIDE] } }],
    at: i,
    frame: 'top',
  }));
  const links = many(200, (i) => link({ id: `t${i}`, href: `https://buy.stripe.com/test_${i}?pad=${WIDE}` }));
  const findings = [
    finding('program.placeholder', 'error'),
    ...many(200, (i) => finding('link.missing-client-reference-id', 'warning', { message: `${i} ${WIDE}` })),
  ];
  return buildPageReport(url, page({ url, calls, links }), findings, 'cli');
}

function report(...urls: string[]): Report {
  return {
    tool: 'partnero-inspector',
    version: '0.1.0',
    browser: 'chrome 156',
    startedAt: new Date(0).toISOString(),
    summary: { errors: urls.length, warnings: 200 * urls.length, infos: 0 },
    pages: urls.map(hugePage),
  };
}

describe('fitReport', () => {
  it('a report within the ceiling is printed as it is', () => {
    const small = { ...report(), pages: [buildPageReport('https://a.example/', page(), [], 'cli')] };
    expect(fitReport(small)).toBe(small);
  });

  it('over it: within the ceiling, calls and transactions keep their place, findings go last', () => {
    const full = report('https://a.example/');
    const ceiling = reportBytes(full) / 2;
    const fitted = fitReport(full, ceiling);
    const [before, after] = [full.pages[0], fitted.pages[0]];
    expect(reportBytes(fitted)).toBeLessThanOrEqual(ceiling);
    expect(after?.calls).toHaveLength(60);
    expect(after?.calls[0]?.args).toEqual([TRIMMED]);
    expect(after?.transactions[0]?.payload).toBe(TRIMMED);
    expect(after?.findings).toEqual(before?.findings);
    expect(after?.dropped).toBeGreaterThan(0);
    expect(fitted.summary).toEqual(full.summary);
    expect(() => ReportSchema.parse(fitted)).not.toThrow();
    // The report built from the pages is left alone.
    expect(before?.calls[0]?.args).toHaveLength(3);
  });

  it("the first page's data gives way before the next page's", () => {
    const full = report('https://a.example/', 'https://b.example/');
    const fitted = fitReport(full, reportBytes(full) - reportBytes(report('https://c.example/')) / 2);
    const [first, second] = fitted.pages;
    expect(first?.dropped).toBeGreaterThan(0);
    expect(second?.dropped).toBeUndefined();
    expect(second).toEqual(full.pages[1]);
  });

  it('a tiny ceiling leaves the last findings out, newest first', () => {
    const full = report('https://a.example/');
    const fitted = fitReport(full, 64 * 1024);
    const [after] = fitted.pages;
    expect(reportBytes(fitted)).toBeLessThanOrEqual(64 * 1024);
    expect(after?.links).toEqual([]);
    expect(after?.findings[0]?.rule).toBe('program.placeholder');
    expect(after?.findings.length).toBeLessThan(201);
  });

  it('buildReport keeps any journey within REPORT_BYTES', () => {
    const pages = many(12, (i) => hugePage(`https://shop.example/${i}`));
    const built = buildReport({ version: '0.1.0', browser: 'chrome', startedAt: new Date(0), pages });
    expect(pages.reduce((n, p) => n + reportBytes({ ...built, pages: [p] }), 0)).toBeGreaterThan(
      REPORT_BYTES,
    );
    expect(reportBytes(built)).toBeLessThanOrEqual(REPORT_BYTES);
    expect(built.summary).toEqual({ errors: 12, warnings: 2400, infos: 0 });
  });
});
