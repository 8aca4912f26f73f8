/** Page states for the rule tests: a correct installation to start from, and builders for parts. */
import type { Json, LinkRecord, NetRequest, PageState, PoCall, TabHistory } from '../../model/types';

export const PROGRAM = 'ABC123';
export const UNIVERSAL = 'https://app.partnero.com/js/universal.js?v1732';
export const SETTINGS = `https://assets.partnero.com/program/${PROGRAM}/settings/settings.js`;
export const PARTNER = 'partner_42';

/** A `po(...)` call as the hook records it. */
export function call(...args: Json[]): PoCall {
  return { args, at: 10, frame: 'top' };
}

export function request(url: string, extra: Partial<NetRequest> = {}): NetRequest {
  return { url, method: 'GET', status: 200, type: 'script', at: 20, ...extra };
}

export function link(extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: 'top:0',
    kind: 'payment-link',
    frame: 'top',
    selector: 'a.buy',
    text: 'Buy now',
    href: 'https://buy.stripe.com/aEU5lm',
    clientReferenceId: null,
    addedLate: false,
    ...extra,
  };
}

export function cookie(value = PARTNER) {
  return { raw: encodeURIComponent(value), value };
}

/** A correct transaction payload as in Partnero's guide, filled from a real order. */
export function transaction(
  data: Record<string, Json> = {},
  options: Json = { create_customer: true },
): Json {
  return {
    data: {
      key: 'ch_3MmlLrLkdIwHu7ix0snN0B15',
      amount: 99.99,
      amount_units: 'usd',
      customer: { key: 'cus_NffrFeUfNV2Hib' },
      ...data,
    },
    options,
  };
}

/** A correctly installed loader: in <head>, program loaded, scripts fetched, queue taken over. */
export function page(extra: Partial<PageState> = {}): PageState {
  return {
    url: 'https://shop.example.com/pricing',
    startedAt: 1_700_000_000_000,
    loadedAt: 800,
    watchEnded: true,
    queueName: 'po',
    loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: true }],
    calls: [
      call('settings', 'assets_host', 'https://assets.partnero.com'),
      call('program', PROGRAM, 'load'),
      call('settings', 'host', 'https://app.partnero.com/pub/v1'),
      call('program', PROGRAM, 'type', 'affiliate'),
      call('program', PROGRAM, 'settings', 'cookie_time', 30),
    ],
    queue: { pending: 0, processed: true },
    errors: [],
    scripts: [{ src: UNIVERSAL, frame: 'top', inHead: true }],
    requests: [request(UNIVERSAL), request(SETTINGS)],
    links: [],
    cookie: null,
    navigations: [],
    clickTest: 'done',
    dropped: 0,
    ...extra,
  };
}

/** A page on which nothing hints at Partnero. */
export function unrelatedPage(extra: Partial<PageState> = {}): PageState {
  return page({
    queueName: null,
    loaderRuns: [],
    calls: [],
    queue: null,
    scripts: [],
    requests: [],
    ...extra,
  });
}

export const NO_HISTORY: TabHistory = { transactionKeys: [], signupKeys: [] };

/** A correct loader page plus these calls (no referral cookie unless given). */
export function withCalls(...calls: Json[][]): PageState {
  return page({ calls: [...page().calls, ...calls.map((args) => call(...args))] });
}

/** Index in `calls` of the first call `withCalls` adds. */
export const TX_CALL = page().calls.length;

export function create(payload: Json): Json[] {
  return ['transactions', 'create', payload];
}

/** A correct loader page with one guide transaction of this amount and currency. */
export function withAmount(amount: Json, units: Json = 'usd'): PageState {
  return withCalls(create(transaction({ amount, amount_units: units })));
}

export const SIGNUP: Json[] = [
  'customers',
  'signup',
  { data: { key: 'cus_NffrFeUfNV2Hib', email: 'jane@example.com', name: 'Jane' } },
];

export const REFERRED = `https://shop.example.com/?aff=${PARTNER}`;
export const TEST_LINK = 'https://buy.stripe.com/test_aEU5lm';

/** The Payment Link after the click test: the page's handlers left this id in it. */
export function clicked(afterClick: string | null): LinkRecord {
  return link({ afterClick, clickedBy: 'test' });
}
