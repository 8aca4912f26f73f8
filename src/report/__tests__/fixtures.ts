/** Builders shared by the report tests: a plausible page and findings, overridable per row. */
import type { Finding, LinkRecord, PageState, RuleId, Severity } from '../../model/types';

export function page(overrides: Partial<PageState> = {}): PageState {
  return {
    url: 'http://127.0.0.1:8080/pricing.html?aff=TEST',
    startedAt: 1_790_000_000_000,
    loadedAt: 120,
    watchEnded: true,
    queueName: 'po',
    loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: true }],
    calls: [
      { args: ['settings', 'assets_host', 'https://assets.partnero.com'], at: 6, frame: 'top' },
      { args: ['program', 'abc123', 'load'], at: 6.5, frame: 'top' },
    ],
    queue: { pending: 0, processed: true },
    errors: [],
    scripts: [{ src: 'https://app.partnero.com/js/universal.js?v1', frame: 'top', inHead: true }],
    requests: [{ url: 'https://app.partnero.com/js/universal.js?v1', method: 'GET', status: 200, at: 30 }],
    links: [],
    cookie: { raw: 'TEST', value: 'TEST', expires: 1_792_592_000 },
    navigations: [],
    clickTest: 'done',
    dropped: 0,
    ...overrides,
  };
}

export function link(overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: 'top:0',
    kind: 'payment-link',
    frame: 'top',
    selector: 'a#buy-pro',
    text: 'Buy Pro',
    href: 'https://buy.stripe.com/test_abc',
    clientReferenceId: null,
    addedLate: false,
    ...overrides,
  };
}

export function finding(rule: RuleId, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return { rule, severity, message: `${rule} happened`, ...extra };
}

/** A program id left as the guide's placeholder, and the chain of findings it causes. */
export const placeholder = page({
  calls: [{ args: ['program', 'PUBLIC_PROGRAM_ID', 'load'], at: 6, frame: 'top' }],
  queue: { pending: 1, processed: false },
  cookie: null,
});
export const placeholderFindings = [
  finding('program.placeholder', 'error'),
  finding('snippet.queue-stuck', 'error', { causedBy: 'program.placeholder' }),
  finding('cookie.missing-after-referral', 'error', { causedBy: 'snippet.queue-stuck' }),
];
