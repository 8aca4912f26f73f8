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

const log = journey.reduce((l, s) => ingest(l, s, s.page.startedAt + 100), emptyLog(true));
const meta = { version: '1.2.3', browser: 'chrome 156.0.0.0' };

const LOADER_OK = { id: 'loader', label: 'Loader', status: 'ok', detail: 'queue po, universal.js running' };
const PROGRAM_OK = { id: 'program', label: 'Program', status: 'ok', detail: 'abc123' };
// The fixture's cookie expires 1_792_592_000 s = 30 days after T0 (2026-09-21T14:13:20Z).
const COOKIE_OK = {
  id: 'cookie',
  label: 'Referral cookie',
  status: 'ok',
  detail: 'partnero_partner=TEST, expires 2026-10-21',
};
const NO_LINKS = { id: 'links', label: 'Payment Links', status: 'none', detail: 'none on page' };
const NO_TRANSACTIONS = { id: 'transactions', label: 'Transactions', status: 'none', detail: 'none sent' };
const TRANSACTIONS_API = 'https://api.partnero.com/v1/transactions';
const TRANSACTION = {
  data: { key: 'pi_123', amount: '$99.99', customer: { key: 'cus_1' } },
  options: { create_customer: true },
};

/** The findings of the confirmation page, as the report carries them. */
const CONFIRMATION_FINDINGS = [
  {
    rule: 'transaction.amount',
    severity: 'error',
    message: 'transaction.amount happened',
    fix: 'Send a number.',
    target: { call: 1, path: 'data.amount' },
  },
  {
    rule: 'transaction.key-format',
    severity: 'warning',
    message: 'transaction.key-format happened',
    target: { call: 1, path: 'data.key' },
  },
  {
    rule: 'network.request-failed',
    severity: 'error',
    message: 'network.request-failed happened',
    target: { href: TRANSACTIONS_API },
  },
];

/** The Payment Link of the pricing page after its test click. */
const BUY_PRO = {
  href: 'https://buy.stripe.com/test_abc',
  frame: 'top',
  clientReferenceId: null,
  afterClick: 'TEST',
  clickedBy: 'test',
  kind: 'payment-link',
  selector: 'a#buy-pro',
  text: 'Buy Pro',
};

/** What the page entries have in common: the fixture's loader, program and cookie. */
const pageBase = (url: string) => ({
  url,
  finalUrl: url,
  queueName: 'po',
  programIds: ['abc123'],
  cookie: { partnero_partner: 'TEST' },
});

/** The export of the journey, written out by hand. */
const EXPECTED_REPORT = {
  tool: 'partnero-inspector',
  version: '1.2.3',
  browser: 'chrome 156.0.0.0',
  startedAt: '2026-09-21T14:13:20.000Z',
  summary: { errors: 2, warnings: 1, infos: 0 },
  pages: [
    {
      ...pageBase('https://shop.test/?aff=TEST'),
      calls: [{ args: ['program', 'abc123', 'load'], at: 5 }],
      transactions: [],
      links: [],
      requests: [],
      findings: [],
      checklist: [LOADER_OK, PROGRAM_OK, COOKIE_OK, NO_LINKS, NO_TRANSACTIONS],
    },
    {
      ...pageBase('https://shop.test/pricing'),
      calls: [{ args: ['program', 'abc123', 'load'], at: 4 }],
      transactions: [],
      links: [BUY_PRO],
      requests: [],
      findings: [],
      checklist: [
        LOADER_OK,
        PROGRAM_OK,
        COOKIE_OK,
        { id: 'links', label: 'Payment Links', status: 'ok', detail: '1 ok / 0 with problems' },
        NO_TRANSACTIONS,
      ],
    },
    {
      ...pageBase('https://shop.test/confirmation'),
      calls: [
        { args: ['program', 'abc123', 'load'], at: 3 },
        { args: ['transactions', 'create', TRANSACTION], at: 50 },
      ],
      transactions: [{ payload: TRANSACTION, at: 50 }],
      links: [],
      // Request times and bodies are left out of the report.
      requests: [{ url: TRANSACTIONS_API, method: 'POST', status: 422 }],
      findings: CONFIRMATION_FINDINGS,
      // The failed request to /transactions belongs to the Transactions row, not the Loader row.
      checklist: [
        LOADER_OK,
        PROGRAM_OK,
        COOKIE_OK,
        NO_LINKS,
        { id: 'transactions', label: 'Transactions', status: 'error', detail: '1 sent / 1 invalid' },
      ],
    },
  ],
};

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
