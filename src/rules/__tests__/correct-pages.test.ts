/** The contract's promise: a correct integration gives zero errors and zero warnings, a random site nothing. */
import { describe, expect, it } from 'vitest';
import type { PageState } from '../../model/types';
import { runRules, summarize } from '../index';
import {
  call,
  cookie,
  link,
  NO_HISTORY,
  PARTNER,
  page,
  REFERRED,
  request,
  transaction,
  unrelatedPage,
} from './fixtures';
import { run } from './table';

/** Correct integrations: a clean page must give zero errors and zero warnings. */
const CORRECT: { name: string; page: PageState }[] = [
  { name: 'loader only, not referred', page: page() },
  { name: 'referred visit', page: page({ url: REFERRED, cookie: cookie() }) },
  {
    name: 'method 1: transaction on the confirmation page',
    page: page({
      url: 'https://shop.example.com/thanks?session_id=cs_1',
      cookie: cookie(),
      calls: [...page().calls, call('transactions', 'create', transaction())],
      requests: [
        ...page().requests,
        request('https://app.partnero.com/pub/v1/transactions', { method: 'POST', status: 200 }),
      ],
    }),
  },
  {
    name: 'method 1 with a signup instead of create_customer, not referred',
    page: page({
      calls: [
        ...page().calls,
        call('customers', 'signup', {
          data: { key: 'cus_NffrFeUfNV2Hib', email: 'jane@example.com', name: 'Jane' },
        }),
        call('transactions', 'create', transaction({ amount: '49.00', amount_units: 'EUR' }, null)),
      ],
    }),
  },
  {
    name: 'method 2: Payment Links, referred, helper adds the cookie on click',
    page: page({
      url: REFERRED,
      cookie: cookie(),
      links: [
        link({
          afterClick: PARTNER,
          clickedBy: 'test',
          hrefAfterClick: `https://buy.stripe.com/aEU5lm?client_reference_id=${PARTNER}`,
        }),
        link({
          id: 'top:1',
          selector: 'a.buy-2',
          kind: 'buy-button',
          href: null,
          clientReferenceId: PARTNER,
        }),
      ],
      navigations: [{ url: `https://buy.stripe.com/aEU5lm?client_reference_id=${PARTNER}`, at: 900 }],
    }),
  },
  {
    name: 'method 2: not referred, the click test proves the helper with a probe',
    page: page({ links: [link({ afterClick: 'pi_probe_1', probe: 'pi_probe_1', clickedBy: 'test' })] }),
  },
  {
    name: 'program settings with a custom link_param, referred',
    page: page({
      url: 'https://shop.example.com/?ref=p1',
      cookie: cookie('p1'),
      calls: [...page().calls, call('program', 'ABC123', 'settings', 'link_param', 'ref')],
    }),
  },
  {
    name: 'refer-a-friend next to the affiliate program',
    page: page({ calls: [...page().calls, call('program', 'RAF77', 'load')] }),
  },
  {
    name: 'test link on a staging host',
    page: page({
      url: 'https://staging.shop.com/',
      links: [link({ href: 'https://buy.stripe.com/test_aEU', afterClick: 'pr', probe: 'pr' })],
    }),
  },
];

describe('a correct integration', () => {
  it.each(CORRECT)('$name: no errors, no warnings', ({ page: state }) => {
    const findings = run(state);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(summarize(findings)).toMatchObject({ errors: 0, warnings: 0 });
  });
});

describe('a page without Partnero', () => {
  it.each([
    { name: 'plain page', page: unrelatedPage() },
    {
      name: 'another referral parameter',
      page: unrelatedPage({ url: 'https://example.com/?ref=producthunt&via=x' }),
    },
    {
      name: 'other failing requests',
      page: unrelatedPage({ requests: [request('https://cdn.example.com/app.js', { status: 404 })] }),
    },
    {
      name: 'a checkout navigation',
      page: unrelatedPage({ navigations: [{ url: 'https://buy.stripe.com/x', at: 1 }] }),
    },
  ])('$name: no findings at all', ({ page: state }) => {
    expect(runRules({ page: state, history: NO_HISTORY })).toEqual([]);
  });
});
