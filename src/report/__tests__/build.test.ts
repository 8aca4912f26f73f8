// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildPageReport, buildReport } from '../build';
import { ReportSchema } from '../schema';
import { finding, link, page } from './fixtures';

const payload = { data: { key: 'ch_1', amount: 99.99, customer: { key: 'cus_1' } } };
const state = page({
  calls: [
    { args: ['program', 'abc123', 'load'], at: 6, frame: 'top' },
    { args: ['transactions', 'create', payload], at: 40.1, frame: 'top' },
    { args: ['transactions', 'create'], at: 41, frame: 'top' },
  ],
  links: [
    link(),
    link({ id: 'top:1', selector: 'a#a', afterClick: null, clickedBy: 'test' }),
    link({
      id: 'top:2',
      selector: 'a#b',
      afterClick: 'TEST',
      hrefAfterClick: 'https://buy.stripe.com/x?client_reference_id=TEST',
    }),
  ],
  requests: [
    {
      url: 'https://app.partnero.com/js/universal.js',
      method: 'GET',
      status: 200,
      at: 1,
      responseBody: 'secret',
    },
    {
      url: 'https://assets.partnero.com/x',
      method: 'GET',
      error: 'net::ERR_BLOCKED_BY_CLIENT',
      blocked: 'client',
      at: 2,
    },
    // The first transaction's payload on the wire; the second never left the page.
    {
      url: 'https://app.partnero.com/pub/v1/transactions',
      method: 'POST',
      status: 200,
      at: 40.5,
      requestBody: JSON.stringify({ ...payload, program: 'abc123' }),
    },
  ],
  cookie: { raw: 'A%20B', value: 'A B', expires: null },
});
const findings = [
  finding('link.missing-client-reference-id', 'error', {
    target: { selector: 'a#a', frame: 'top' },
    fix: 'Bind the helper.',
  }),
  finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
  finding('link.test-mode', 'warning'),
  finding('transaction.no-referral', 'info'),
];
const pageReport = buildPageReport('http://shop.test/?aff=A%20B', state, findings);

describe('buildPageReport', () => {
  it.each<[string, unknown, unknown]>([
    ['url is the requested one', pageReport.url, 'http://shop.test/?aff=A%20B'],
    ['finalUrl is where the page ended', pageReport.finalUrl, state.url],
    ['queueName', pageReport.queueName, 'po'],
    ['programIds from load calls', pageReport.programIds, ['abc123']],
    ['cookie is the decoded value', pageReport.cookie, { partnero_partner: 'A B' }],
    ['calls keep args and time only', pageReport.calls[0], { args: ['program', 'abc123', 'load'], at: 6 }],
    [
      'transactions, null payload when absent, sent only when seen on the wire',
      pageReport.transactions,
      [
        { payload, at: 40.1, sent: true },
        { payload: null, at: 41, sent: false },
      ],
    ],
    ['never clicked: no afterClick key', 'afterClick' in (pageReport.links[0] ?? {}), false],
    ['clicked without id: afterClick null', pageReport.links[1]?.afterClick, null],
    ['clicked with id', pageReport.links[2]?.afterClick, 'TEST'],
    [
      'request without bodies',
      pageReport.requests[0],
      { url: 'https://app.partnero.com/js/universal.js', method: 'GET', status: 200 },
    ],
    [
      'blocked request',
      pageReport.requests[1],
      {
        url: 'https://assets.partnero.com/x',
        method: 'GET',
        error: 'net::ERR_BLOCKED_BY_CLIENT',
        blocked: 'client',
      },
    ],
    ['finding keeps target and fix', pageReport.findings[0], findings[0]],
    [
      'checklist rows without findings',
      pageReport.checklist?.map((r) => Object.keys(r)),
      Array(5).fill(['id', 'label', 'status', 'detail']),
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('survives a JSON round trip unchanged (no undefined values)', () => {
    expect(JSON.parse(JSON.stringify(pageReport))).toStrictEqual(pageReport);
  });
});

describe('buildReport', () => {
  const report = buildReport({
    version: '1.2.3',
    browser: 'chrome 156.0.0.0',
    startedAt: new Date(0),
    pages: [pageReport, pageReport],
  });

  it('counts root findings only', () => {
    expect(report.summary).toEqual({ errors: 2, warnings: 2, infos: 2 });
  });

  it('produces a report the schema accepts', () => {
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
    expect(report).toMatchObject({ tool: 'partnero-inspector', startedAt: '1970-01-01T00:00:00.000Z' });
  });
});
