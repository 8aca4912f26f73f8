/** A three-page journey (landing → pricing → confirmation) as successive tab snapshots. */
import type { Finding, Json, NetRequest, PageState, PoCall } from '../../model/types';
import { finding, link, page } from '../../report/__tests__/fixtures';
import type { Snapshot } from '../log';

export const T0 = 1_790_000_000_000;
export const PROGRAM_LOAD: Json[] = ['program', 'abc123', 'load'];

export function call(args: Json[], at = 10): PoCall {
  return { args, at, frame: 'top' };
}

export function req(url: string, extra: Partial<NetRequest> = {}): NetRequest {
  return { url, method: 'GET', at: 30, ...extra };
}

/** The loader's script, as every page with the loader fetched it. */
export const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1790';
const universal = () => req(UNIVERSAL, { status: 200, at: 2 });

export function snap(overrides: Partial<PageState> = {}, findings: Finding[] = []): Snapshot {
  return { page: page({ calls: [], requests: [], startedAt: T0, ...overrides }), findings };
}

export const transaction: Json = {
  data: { key: 'pi_123', amount: '$99.99', customer: { key: 'cus_1' } },
  options: { create_customer: true },
};

/** landing (referral) → pricing (links) → confirmation (a transaction with findings). */
export const journey: Snapshot[] = [
  snap({
    url: 'https://shop.test/?aff=TEST',
    startedAt: T0,
    calls: [call(PROGRAM_LOAD, 5)],
    requests: [universal()],
  }),
  snap({
    url: 'https://shop.test/pricing',
    startedAt: T0 + 5000,
    calls: [call(PROGRAM_LOAD, 4)],
    requests: [universal()],
    links: [link({ afterClick: 'TEST', clickedBy: 'test' })],
  }),
  snap(
    {
      url: 'https://shop.test/confirmation',
      startedAt: T0 + 9000,
      calls: [call(PROGRAM_LOAD, 3), call(['transactions', 'create', transaction], 50)],
      requests: [
        universal(),
        req('https://api.partnero.com/v1/transactions', { method: 'POST', status: 422, at: 60 }),
      ],
    },
    [
      finding('transaction.amount', 'error', {
        target: { call: 1, path: 'data.amount' },
        fix: 'Send a number.',
      }),
      finding('transaction.key-format', 'warning', { target: { call: 1, path: 'data.key' } }),
      finding('network.request-failed', 'error', {
        target: { href: 'https://api.partnero.com/v1/transactions' },
      }),
    ],
  ),
];
