/** The page can send anything: no rule may throw, and messages stay short single lines. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Json, PageState } from '../../model/types';
import { runRules } from '../index';
import { call, cookie, link, NO_HISTORY, page, request } from './fixtures';

const HUGE = `${'A'.repeat(100_000)}\n\u202e<script>`;
const deep = (depth: number): Json => (depth === 0 ? HUGE : { data: deep(depth - 1), list: [deep(0), null] });

const JUNK_ARGS: Json[][] = [
  [],
  [null],
  [HUGE],
  ['program'],
  ['program', HUGE, 'load'],
  ['program', { $: [1, 2] }, 'load'],
  ['program', 'X', 'settings', null],
  ['program', 'X', 'settings', { link_param: 7, query_param: HUGE }],
  ['settings', 'assets_host'],
  ['settings', 'assets_host', deep(3)],
  ['transactions', 'create'],
  ['transactions', 'create', null],
  ['transactions', 'create', [1, 2, 3]],
  ['transactions', 'create', { data: deep(40) }],
  [
    'transactions',
    'create',
    { data: { key: HUGE, amount: HUGE, amount_units: HUGE, customer: { key: HUGE } }, options: HUGE },
  ],
  [
    'transactions',
    'create',
    { data: { key: 'ch_1', amount: 1e308, customer: { key: 'cus_1', tags: deep(10) } } },
  ],
  ['customers', 'signup', { data: { key: HUGE, email: HUGE } }],
  ['customers', 'signup', 'x'],
  [
    'transactions',
    'create',
    { data: { [HUGE]: '{{ x }}', customer: { [`${HUGE}\n`]: { deeper: 'undefined' } } } },
  ],
  [{ toString: 'x' }, HUGE],
];

const hostile: PageState = page({
  url: `https://shop.example.com/?aff=${encodeURIComponent(HUGE)}`,
  queueName: HUGE,
  calls: [...JUNK_ARGS.map((args) => call(...args)), { args: 'not an array' as never, at: 0, frame: HUGE }],
  queue: { pending: Number.NaN, processed: false },
  errors: [
    { kind: 'po-undefined', message: HUGE, name: HUGE, at: 0, frame: 'top' },
    { kind: 'rejection', message: HUGE, url: HUGE, at: 0, frame: 'top' },
    { kind: 'csp', message: HUGE, at: 0, frame: 'top' },
  ],
  requests: [
    request('not a url'),
    request(`https://app.partnero.com/${HUGE}`, {
      status: 500,
      method: HUGE,
      responseBody: JSON.stringify({ message: HUGE }),
    }),
    request(`https://app.partnero.com/js/universal.js`, { status: undefined, error: HUGE }),
  ],
  links: [
    link({ text: HUGE, href: HUGE, clientReferenceId: HUGE, afterClick: HUGE }),
    link({ kind: 'buy-button', href: null, clientReferenceId: '', text: '' }),
  ],
  cookie: cookie(HUGE),
  navigations: [
    { url: `https://buy.stripe.com/x?client_reference_id=${encodeURIComponent(HUGE)}`, at: 0 },
    { url: HUGE, at: 0 },
  ],
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile page data', () => {
  it('never makes a rule throw', () => {
    const log = vi.spyOn(console, 'error');
    const findings = runRules({ page: hostile, history: { transactionKeys: [HUGE], signupKeys: [HUGE] } });
    expect(log).not.toHaveBeenCalled();
    expect(findings.length).toBeGreaterThan(10);
  });

  it('keeps every message one short line', () => {
    for (const { message, fix } of runRules({ page: hostile, history: NO_HISTORY })) {
      expect(message).not.toMatch(/[\p{Cc}\u2028\u2029\u202e]/u);
      expect(message.length).toBeLessThan(700);
      expect(fix).not.toContain(HUGE.slice(0, 100));
    }
  });
});
