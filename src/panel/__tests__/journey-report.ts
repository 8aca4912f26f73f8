/**
 * The report of the three-page journey (./journey.ts) written out by hand, once, for every
 * test of what the panel exports: never rebuilt with the report builder under test.
 */
import { UNIVERSAL } from './journey';

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
const UNIVERSAL_REQUEST = { url: UNIVERSAL, method: 'GET', status: 200 };
export const TRANSACTION = {
  data: { key: 'pi_123', amount: '$99.99', customer: { key: 'cus_1' } },
  options: { create_customer: true },
};

/** The findings of the confirmation page, as the report carries them. */
export const CONFIRMATION_FINDINGS = [
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

/** The export of the journey (meta: version 1.2.3, chrome 156.0.0.0), written out by hand. */
export const EXPECTED_REPORT = {
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
      requests: [UNIVERSAL_REQUEST],
      findings: [],
      checklist: [LOADER_OK, PROGRAM_OK, COOKIE_OK, NO_LINKS, NO_TRANSACTIONS],
    },
    {
      ...pageBase('https://shop.test/pricing'),
      calls: [{ args: ['program', 'abc123', 'load'], at: 4 }],
      transactions: [],
      links: [BUY_PRO],
      requests: [UNIVERSAL_REQUEST],
      findings: [],
      checklist: [
        LOADER_OK,
        PROGRAM_OK,
        COOKIE_OK,
        { id: 'links', label: 'Payment Links', status: 'ok', detail: '1 ok' },
        NO_TRANSACTIONS,
      ],
    },
    {
      ...pageBase('https://shop.test/confirmation'),
      calls: [
        { args: ['program', 'abc123', 'load'], at: 3 },
        { args: ['transactions', 'create', TRANSACTION], at: 50 },
      ],
      transactions: [{ payload: TRANSACTION, at: 50, sent: true }],
      links: [],
      // Request times and bodies are left out of the report.
      requests: [UNIVERSAL_REQUEST, { url: TRANSACTIONS_API, method: 'POST', status: 422 }],
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
