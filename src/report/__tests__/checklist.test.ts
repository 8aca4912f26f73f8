// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding, PageState } from '../../model/types';
import { type ChecklistId, type CheckStatus, checklist } from '../checklist';
import { finding, link, page, placeholder, placeholderFindings } from './fixtures';

type Row = { status: CheckStatus; detail: string };

function row(state: PageState, findings: Finding[], id: ChecklistId): Row {
  const item = checklist(state, findings).find((r) => r.id === id);
  if (!item) throw new Error(`no row ${id}`);
  return { status: item.status, detail: item.detail };
}

const noLoader = { queueName: null, loaderRuns: [], scripts: [], queue: null };
const buy = link();
const late = link({ id: 'top:1', selector: 'a#late', href: 'https://buy.stripe.com/x', addedLate: true });
const universal = { url: 'https://app.partnero.com/js/universal.js?v1', method: 'GET', status: 200, at: 30 };
const txRequest = {
  url: 'https://app.partnero.com/pub/v1/transactions',
  method: 'POST',
  status: 200,
  at: 60,
};
const tx = (key: string) => ({
  args: ['transactions', 'create', { data: { key, amount: 1, customer: { key: 'cus_1' } } }],
  at: 50,
  frame: 'top',
});

describe('checklist', () => {
  it.each<[string, PageState, Finding[], ChecklistId, Row]>([
    ['clean loader', page(), [], 'loader', { status: 'ok', detail: 'queue po, universal.js running' }],
    [
      'no loader at all',
      page({ ...noLoader, calls: [] }),
      [],
      'loader',
      { status: 'none', detail: 'not found' },
    ],
    [
      'missing snippet',
      page(noLoader),
      [finding('snippet.missing', 'error')],
      'loader',
      { status: 'error', detail: 'not found' },
    ],
    [
      'stuck queue is explained elsewhere',
      placeholder,
      placeholderFindings,
      'loader',
      { status: 'error', detail: 'queue po, 1 call waiting — see Program' },
    ],
    [
      'placeholder program',
      placeholder,
      placeholderFindings,
      'program',
      { status: 'error', detail: 'PUBLIC_PROGRAM_ID' },
    ],
    [
      'program ids are distinct, null shown',
      page({
        calls: [
          tx('x'),
          { args: ['program', 'a', 'load'], at: 1, frame: 'top' },
          { args: ['program', 'a', 'load'], at: 2, frame: 'top' },
          { args: ['program', null, 'load'], at: 3, frame: 'top' },
        ],
      }),
      [],
      'program',
      { status: 'ok', detail: 'a, null' },
    ],
    [
      'no program call',
      page({ calls: [] }),
      [finding('program.missing', 'error')],
      'program',
      { status: 'error', detail: 'none loaded' },
    ],
    [
      'cookie with expiry',
      page(),
      [],
      'cookie',
      { status: 'ok', detail: 'partnero_partner=TEST, expires 2026-10-21' },
    ],
    [
      'session cookie',
      page({ cookie: { raw: 'A%20B', value: 'A B', expires: null } }),
      [],
      'cookie',
      { status: 'ok', detail: 'partnero_partner=A B, session cookie' },
    ],
    [
      'absent cookie is context',
      page({ cookie: null }),
      [finding('cookie.absent', 'info')],
      'cookie',
      { status: 'none', detail: 'not set' },
    ],
    [
      'cookie missing because of the loader',
      placeholder,
      placeholderFindings,
      'cookie',
      { status: 'error', detail: 'not set — see Loader' },
    ],
    ['no links', page(), [], 'links', { status: 'none', detail: 'none on page' }],
    [
      'links, one broken',
      page({ links: [buy, late] }),
      [
        finding('link.missing-client-reference-id', 'error', {
          target: { selector: 'a#late', frame: 'top' },
        }),
      ],
      'links',
      { status: 'error', detail: '1 ok, 1 with problems' },
    ],
    [
      'an info does not make a link a problem',
      page({ links: [buy] }),
      [finding('link.client-reference-id-preset', 'info', { target: { href: buy.href ?? '' } })],
      'links',
      { status: 'ok', detail: '1 ok' },
    ],
    [
      'links nobody clicked yet are not verified, not problems',
      page({ links: [buy, late] }),
      [
        finding('link.missing-client-reference-id', 'info', {
          unverified: true,
          target: { selector: 'a#late', frame: 'top' },
        }),
      ],
      'links',
      { status: 'unverified', detail: '1 ok, 1 not verified' },
    ],
    ['no transactions', page(), [], 'transactions', { status: 'none', detail: 'none sent' }],
    [
      'two sent, one invalid',
      page({ calls: [tx('ch_1'), tx('STRIPE_CHARGE_ID')], requests: [universal, txRequest, txRequest] }),
      [
        finding('transaction.placeholder', 'error', { target: { call: 1, path: 'data.key' } }),
        finding('transaction.no-referral', 'info', { target: { call: 0 } }),
      ],
      'transactions',
      { status: 'error', detail: '2 sent / 1 invalid' },
    ],
    [
      'a call without its request on the wire is called, not sent',
      page({ calls: [tx('ch_1'), tx('ch_2')], requests: [universal, txRequest] }),
      [],
      'transactions',
      { status: 'ok', detail: '2 called, 1 sent / 0 invalid' },
    ],
    [
      "a frame's transactions are shown as the frame's, not the page's",
      page({ calls: [{ ...tx('ch_1'), frame: 'https://ads.example/frame' }], requests: [universal] }),
      [],
      'transactions',
      { status: 'ok', detail: '0 sent / 0 invalid, 1 call in frames' },
    ],
    [
      'a queue the page says was processed, with no universal.js on the wire, is not called running',
      page({ requests: [] }),
      [],
      'loader',
      { status: 'ok', detail: 'queue po, reported running, universal.js not seen' },
    ],
    [
      'nor with universal.js blocked',
      page({ requests: [{ ...universal, status: undefined, error: 'net::ERR_BLOCKED_BY_CLIENT' }] }),
      [],
      'loader',
      { status: 'ok', detail: 'queue po, reported running, universal.js not seen' },
    ],
  ])('%s', (_name, state, findings, id, expected) => {
    expect(row(state, findings, id)).toEqual(expected);
  });

  it('keeps the five rows in order and attaches every finding to exactly one', () => {
    const rows = checklist(placeholder, placeholderFindings);
    expect(rows.map((r) => r.id)).toEqual(['loader', 'program', 'cookie', 'links', 'transactions']);
    expect(rows.flatMap((r) => r.findings)).toHaveLength(placeholderFindings.length);
  });
});
