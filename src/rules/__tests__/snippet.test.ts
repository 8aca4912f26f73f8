import { link, page, request, UNIVERSAL, unrelatedPage } from './fixtures';
import { describeRules } from './table';

describeRules({
  'snippet.missing': [
    { name: 'correct loader', page: page(), expect: [] },
    { name: 'unrelated page', page: unrelatedPage(), expect: [] },
    {
      name: 'Payment Links without loader',
      page: unrelatedPage({ links: [link()] }),
      expect: ['error'],
      message: 'Stripe Payment Links',
    },
    { name: 'asked to check', page: unrelatedPage({ expectPartnero: true }), expect: ['error'] },
    {
      name: 'cookie without loader',
      page: unrelatedPage({ cookie: { raw: 'p1', value: 'p1' } }),
      expect: ['error'],
    },
    {
      name: 'referral URL without loader',
      page: unrelatedPage({ url: 'https://shop.example.com/?aff=p1' }),
      expect: ['error'],
      message: '?aff=',
    },
    {
      name: 'a loader only page script reported (forgeable), nothing on the wire, watch over',
      page: unrelatedPage({
        watchEnded: true,
        queueName: 'po',
        loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: true }],
        calls: [{ args: ['program', 'QK3M2L9A', 'load'], at: 6, frame: 'top' }],
        queue: { pending: 0, processed: true },
      }),
      expect: ['error'],
      message: 'never requested universal.js',
    },
    {
      name: 'the same while the watch runs: the request may still come',
      page: unrelatedPage({
        watchEnded: false,
        queueName: 'po',
        loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: true }],
      }),
      expect: [],
    },
    {
      name: 'loader blocked: its request is there',
      page: unrelatedPage({ requests: [request(UNIVERSAL, { blocked: 'client' })] }),
      expect: [],
    },
  ],
  'po.undefined': [
    { name: 'no error', page: page(), expect: [] },
    {
      name: 'confirmation page without snippet',
      page: unrelatedPage({
        errors: [{ kind: 'po-undefined', name: 'po', message: 'po is not defined', at: 1, frame: 'top' }],
      }),
      expect: ['error'],
      causedBy: 'snippet.missing',
    },
    {
      name: 'one finding per queue name, alone when the loader exists',
      page: page({
        errors: ['po', 'po', 'pn'].map((name) => ({
          kind: 'po-undefined' as const,
          name,
          message: '',
          at: 1,
          frame: 'top',
        })),
      }),
      expect: ['error', 'error'],
    },
  ],
  'snippet.not-in-head': [
    { name: 'in head', page: page(), expect: [] },
    {
      name: 'unknown position',
      page: page({ loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: null }] }),
      expect: [],
    },
    {
      name: 'in body',
      page: page({ loaderRuns: [{ at: 5, frame: 'top', queueName: 'po', inHead: false }] }),
      expect: ['warning'],
    },
    {
      name: 'only frames run it in body',
      page: page({ loaderRuns: [{ at: 5, frame: 'https://x.example/', queueName: 'po', inHead: false }] }),
      expect: [],
    },
  ],
  'snippet.duplicate': [
    { name: 'once', page: page(), expect: [] },
    {
      name: 'loader ran twice',
      page: page({ loaderRuns: [0, 1].map((at) => ({ at, frame: 'top', queueName: 'po', inHead: true })) }),
      expect: ['warning'],
      message: 'ran 2 times',
    },
    {
      name: 'universal.js fetched twice',
      page: page({ requests: [request(UNIVERSAL), request(UNIVERSAL)] }),
      expect: ['warning'],
    },
    {
      name: 'one fetch per frame with a loader',
      page: page({
        loaderRuns: ['top', 'https://shop.example.com/frame'].map((frame) => ({
          at: 1,
          frame,
          queueName: 'po',
          inHead: true,
        })),
        requests: [request(UNIVERSAL), request(UNIVERSAL)],
      }),
      expect: [],
    },
  ],
});
