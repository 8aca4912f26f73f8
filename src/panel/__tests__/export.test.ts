/**
 * The panel's Export and Import. The expected report of the three-page journey
 * (./journey.ts) is written out by hand below, never rebuilt with the builder under test,
 * so a change in what the export contains fails here.
 */
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../report/schema';
import { browserLabel, exportFileName, journeyReport } from '../export';
import { captureLog, parseCapture } from '../import';
import { emptyLog, ingest } from '../log';
import { journey } from './journey';
import { CONFIRMATION_FINDINGS, EXPECTED_REPORT, TRANSACTION } from './journey-report';

const log = journey.reduce((l, s) => ingest(l, s, s.page.startedAt + 100), emptyLog(true));
const meta = { version: '1.2.3', browser: 'chrome 156.0.0.0' };

describe('journeyReport', () => {
  const report = journeyReport(log.pages, meta);

  it('is the report written out by hand: one entry per page, root findings summed', () => {
    expect(report).toStrictEqual(EXPECTED_REPORT);
  });

  it('passes the report schema and survives a JSON round trip', () => {
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toStrictEqual(EXPECTED_REPORT);
  });

  it('takes its start from the first page, not from the time of the export', () => {
    expect(journeyReport(log.pages, meta, Date.UTC(2030, 0, 1)).startedAt).toBe('2026-09-21T14:13:20.000Z');
  });

  it('of an empty journey starts at the time of the export', () => {
    expect(journeyReport([], meta, Date.UTC(2030, 0, 1, 8, 30))).toStrictEqual({
      tool: 'partnero-inspector',
      version: '1.2.3',
      browser: 'chrome 156.0.0.0',
      startedAt: '2030-01-01T08:30:00.000Z',
      summary: { errors: 0, warnings: 0, infos: 0 },
      pages: [],
    });
  });

  it('is named after the first page and the start time', () => {
    expect(exportFileName(report)).toBe('partnero-capture-shop.test-2026-09-21T14-13-20Z.json');
  });
});

describe('browserLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'chrome 156.0.0.0',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/139.0.7258.5 Safari/537.36',
      'chrome 139.0.7258.5',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'firefox 128.0'],
    ['curl/8', 'unknown'],
  ])('%s', (ua, expected) => {
    expect(browserLabel(ua)).toBe(expected);
  });
});

describe('import', () => {
  const text = JSON.stringify(EXPECTED_REPORT);

  it.each([
    ['not json', 'The file is not JSON.'],
    [
      '{"tool":"other"}',
      'Not a Partnero Inspector report: Invalid input: expected "partnero-inspector" at tool.',
    ],
    [text.replace('"transaction.amount"', '"transaction.nope"'), 'Not a Partnero Inspector report:'],
  ])('rejects %s', (input, error) => {
    const parsed = parseCapture(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.startsWith(error)).toBe(true);
  });

  it('shows an exported journey again, page by page, with the same findings', () => {
    const parsed = parseCapture(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const imported = captureLog(parsed.report);
    expect(imported.pages.map((p) => p.page.url)).toEqual([
      'https://shop.test/?aff=TEST',
      'https://shop.test/pricing',
      'https://shop.test/confirmation',
    ]);
    expect(imported.pages.map((p) => p.findings)).toStrictEqual([[], [], CONFIRMATION_FINDINGS]);
    expect(imported.pages.map((p) => p.page.calls.map((c) => c.args))).toEqual([
      [['program', 'abc123', 'load']],
      [['program', 'abc123', 'load']],
      [
        ['program', 'abc123', 'load'],
        ['transactions', 'create', TRANSACTION],
      ],
    ]);
    expect(imported.pages[1]?.page.links[0]).toMatchObject({
      text: 'Buy Pro',
      afterClick: 'TEST',
      clickedBy: 'test',
    });
    expect(imported.events.filter((e) => e.kind === 'navigation').length).toBe(3);
  });

  it('re-exports an imported capture to the same pages', () => {
    const parsed = parseCapture(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const again = journeyReport(captureLog(parsed.report).pages, meta);
    expect(again.pages.map((p) => [p.finalUrl, p.calls, p.findings, p.links, p.cookie])).toStrictEqual(
      EXPECTED_REPORT.pages.map((p) => [p.finalUrl, p.calls, p.findings, p.links, p.cookie]),
    );
    expect(again.summary).toStrictEqual({ errors: 2, warnings: 1, infos: 0 });
  });
});
