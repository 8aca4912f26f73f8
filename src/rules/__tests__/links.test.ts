import { clicked, cookie, link, PARTNER, page, TEST_LINK } from './fixtures';
import { type Case, describeRules } from './table';

describeRules({
  'link.missing-client-reference-id': [
    {
      name: 'helper added the cookie',
      page: page({ cookie: cookie(), links: [clicked(PARTNER)] }),
      expect: [],
    },
    {
      name: 'helper added the probe',
      page: page({ links: [link({ afterClick: 'probe_1', probe: 'probe_1', clickedBy: 'test' })] }),
      expect: [],
    },
    {
      name: 'never clicked: not verified, with the way to verify it in each medium',
      page: page({ cookie: cookie(), links: [link()] }),
      expect: ['info'],
      message: 'is not verified yet',
      fix: 'Open the Partnero Inspector popup or panel on this page to test-click it',
    },
    {
      name: 'a helper set the id on another link: the fix does not say to add one',
      page: page({
        cookie: cookie(),
        links: [clicked(PARTNER), link({ selector: 'a.other', afterClick: null, clickedBy: 'test' })],
      }),
      expect: ['error'],
      fix: "The page's helper set client_reference_id on other Payment Links but not on this one",
    },
    {
      name: 'clicked with a cookie, no id',
      page: page({ cookie: cookie(), links: [clicked(null)] }),
      expect: ['error'],
      target: { selector: 'a.buy', frame: 'top', href: 'https://buy.stripe.com/aEU5lm' },
    },
    {
      name: 'late link: the fix says to delegate',
      page: page({
        cookie: cookie(),
        links: [link({ afterClick: null, clickedBy: 'test', addedLate: true })],
      }),
      expect: ['error'],
      fix: 'delegated click listener',
    },
    {
      name: 'link in a shadow root: the fix says why the helper missed it',
      page: page({
        cookie: cookie(),
        links: [link({ afterClick: null, clickedBy: 'test', addedLate: true, inShadowRoot: true })],
      }),
      expect: ['error'],
      fix: 'composedPath()',
    },
    {
      name: 'probe click, no id: proven broken on an unreferred visit too',
      page: page({ links: [link({ afterClick: null, probe: 'probe_1', clickedBy: 'test' })] }),
      expect: ['error'],
      message: 'a test click showed the page does not add it',
    },
    {
      name: 'embeds are not links',
      page: page({ links: [link({ kind: 'buy-button', href: null })] }),
      expect: [],
    },
  ],
  'link.client-reference-id-mismatch': [
    { name: 'matches', page: page({ cookie: cookie(), links: [clicked(PARTNER)] }), expect: [] },
    {
      name: 'hard-coded',
      page: page({ cookie: cookie(), links: [clicked('partner_7')] }),
      expect: ['error'],
      message: '"partner_7"',
    },
    {
      name: 'stale before click',
      page: page({ cookie: cookie(), links: [link({ clientReferenceId: 'old' })] }),
      expect: ['error'],
    },
    {
      name: 'embed attribute',
      page: page({
        cookie: cookie(),
        links: [link({ kind: 'pricing-table', href: null, clientReferenceId: 'x' })],
      }),
      expect: ['error'],
    },
    { name: 'no cookie', page: page({ links: [link({ clientReferenceId: 'order_1' })] }), expect: [] },
  ],
  'link.client-reference-id-preset': [
    { name: 'no id', page: page({ links: [link()] }), expect: [] },
    {
      name: 'merchant id, no cookie',
      page: page({ links: [link({ clientReferenceId: 'order_1' })] }),
      expect: ['info'],
    },
    {
      name: 'cookie present',
      page: page({ cookie: cookie(), links: [link({ clientReferenceId: PARTNER })] }),
      expect: [],
    },
  ],
  'link.client-reference-id-invalid': [
    { name: 'valid', page: page({ cookie: cookie(), links: [clicked(PARTNER)] }), expect: [] },
    {
      name: 'hard-coded with spaces',
      page: page({ links: [link({ clientReferenceId: 'order 1' })] }),
      expect: ['error'],
    },
    {
      name: 'copied from an invalid cookie',
      page: page({ cookie: cookie('jane@example.com'), links: [clicked('jane@example.com')] }),
      expect: ['error'],
      causedBy: 'cookie.invalid-for-stripe',
    },
  ],
  'link.test-mode': [
    { name: 'live link', page: page({ links: [link()] }), expect: [] },
    {
      name: 'test link on live site',
      page: page({ links: [link({ href: TEST_LINK })] }),
      expect: ['warning'],
    },
    ...[
      'http://localhost:3000/',
      'http://127.0.0.1/',
      'http://[::1]/',
      'https://shop.test/',
      'https://shop.local/',
      'https://staging.shop.com/',
      'https://dev.shop.com/',
      'file:///tmp/a.html',
    ].map(
      (url): Case => ({
        name: `test link on ${url}`,
        page: page({ url, links: [link({ href: TEST_LINK })] }),
        expect: [],
      }),
    ),
  ],
});
