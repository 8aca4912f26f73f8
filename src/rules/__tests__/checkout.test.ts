import { cookie, link, PARTNER, page } from './fixtures';
import { describeRules } from './table';

describeRules({
  'embed.missing-client-reference-id': [
    {
      name: 'with attribute',
      page: page({
        cookie: cookie(),
        links: [link({ kind: 'buy-button', href: null, clientReferenceId: PARTNER })],
      }),
      expect: [],
    },
    {
      name: 'without, no cookie',
      page: page({ links: [link({ kind: 'buy-button', href: null })] }),
      expect: ['warning'],
    },
    {
      name: 'without, cookie',
      page: page({ cookie: cookie(), links: [link({ kind: 'pricing-table', href: null })] }),
      expect: ['error'],
    },
  ],
  'checkout.navigation-not-attributed': [
    {
      name: 'attributed',
      page: page({
        cookie: cookie(),
        navigations: [{ url: `https://buy.stripe.com/aEU?client_reference_id=${PARTNER}`, at: 1 }],
      }),
      expect: [],
    },
    {
      name: 'no cookie',
      page: page({ navigations: [{ url: 'https://buy.stripe.com/aEU', at: 1 }] }),
      expect: [],
    },
    {
      name: 'window.location without id',
      page: page({ cookie: cookie(), navigations: [{ url: 'https://buy.stripe.com/aEU', at: 1 }] }),
      expect: ['error'],
    },
    {
      name: 'other partner',
      page: page({
        cookie: cookie(),
        navigations: [{ url: 'https://checkout.stripe.com/c/pay/cs_1?client_reference_id=x', at: 1 }],
      }),
      expect: ['error'],
    },
    {
      name: 'server redirect to a session',
      page: page({
        cookie: cookie(),
        navigations: [{ url: 'https://checkout.stripe.com/c/pay/cs_1', at: 1, serverRedirect: true }],
      }),
      expect: [],
    },
    {
      name: 'elsewhere',
      page: page({ cookie: cookie(), navigations: [{ url: 'https://shop.example.com/thanks', at: 1 }] }),
      expect: [],
    },
  ],
});
