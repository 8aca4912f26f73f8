import { describe, expect, it } from 'vitest';
import { buildPageReport, buildReport } from '../../report/build';
import { ReportSchema } from '../../report/schema';
import { browserLabel, exportFileName, journeyReport } from '../export';
import { captureLog, parseCapture } from '../import';
import { emptyLog, ingest } from '../log';
import { journey, T0 } from './journey';

const log = journey.reduce((l, s) => ingest(l, s, s.page.startedAt + 100), emptyLog(true));
const meta = { version: '1.2.3', browser: 'chrome 156.0.0.0' };

describe('journeyReport', () => {
  const report = journeyReport(log.pages, meta);

  it('is the CLI report of the same pages, one entry per page', () => {
    expect(report).toEqual(
      buildReport({
        ...meta,
        startedAt: new Date(T0),
        pages: journey.map((s) => buildPageReport(s.page.url, s.page, s.findings)),
      }),
    );
    expect(report.pages.map((p) => p.finalUrl)).toEqual(journey.map((s) => s.page.url));
    expect(report.summary).toEqual({ errors: 2, warnings: 1, infos: 0 });
  });

  it('passes the report schema and survives a JSON round trip', () => {
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
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
  const text = JSON.stringify(journeyReport(log.pages, meta));

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
    expect(imported.pages.map((p) => p.page.url)).toEqual(journey.map((s) => s.page.url));
    expect(imported.pages.map((p) => p.findings)).toEqual(journey.map((s) => s.findings));
    expect(imported.pages.map((p) => p.page.calls.map((c) => c.args))).toEqual(
      journey.map((s) => s.page.calls.map((c) => c.args)),
    );
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
    expect(again.pages.map((p) => [p.finalUrl, p.calls, p.findings, p.links, p.cookie])).toEqual(
      parsed.report.pages.map((p) => [p.finalUrl, p.calls, p.findings, p.links, p.cookie]),
    );
  });
});
