import { page, request, SETTINGS, UNIVERSAL } from './fixtures';
import { describeRules } from './table';

describeRules({
  'snippet.script-failed': [
    { name: 'scripts loaded', page: page(), expect: [] },
    {
      name: 'ad blocker',
      page: page({
        requests: [request(UNIVERSAL, { status: undefined, error: 'net::ERR_BLOCKED_BY_CLIENT' })],
      }),
      expect: ['error'],
      message: 'ad/tracker blocker',
      target: { href: UNIVERSAL },
    },
    {
      name: 'CSP report and blocked request: one finding, CSP',
      page: page({
        requests: [request(UNIVERSAL, { status: undefined, blocked: 'csp' })],
        errors: [{ kind: 'csp', message: 'Refused to load', url: UNIVERSAL, at: 1, frame: 'top' }],
      }),
      expect: ['error'],
      message: 'Content-Security-Policy',
    },
    {
      name: 'settings 404',
      page: page({ requests: [request(UNIVERSAL), request(SETTINGS, { status: 404 })] }),
      expect: ['error'],
      message: 'HTTP 404',
    },
    {
      name: 'network error',
      page: page({
        requests: [request(UNIVERSAL, { status: undefined, error: 'net::ERR_CONNECTION_RESET' })],
      }),
      expect: ['error'],
      message: 'network error (net::ERR_CONNECTION_RESET)',
    },
    {
      name: 'rejection without URL',
      page: page({ errors: [{ kind: 'rejection', message: 'Error: loading script', at: 1, frame: 'top' }] }),
      expect: ['error'],
    },
    {
      name: 'rejection beside a located failure',
      page: page({
        requests: [request(UNIVERSAL, { status: 500 })],
        errors: [{ kind: 'rejection', message: 'Error: loading script', at: 1, frame: 'top' }],
      }),
      expect: ['error'],
      message: 'HTTP 500',
    },
    {
      name: 'other scripts and rejections',
      page: page({
        requests: [request('https://cdn.example.com/app.js', { status: 404 })],
        errors: [{ kind: 'rejection', message: 'ChunkLoadError', at: 1, frame: 'top' }],
      }),
      expect: [],
    },
  ],
  'snippet.queue-stuck': [
    { name: 'processed', page: page(), expect: [] },
    {
      name: 'stuck, watch running',
      page: page({ watchEnded: false, queue: { pending: 3, processed: false } }),
      expect: [],
    },
    {
      name: 'stuck',
      page: page({ queue: { pending: 3, processed: false } }),
      expect: ['error'],
      message: '3 calls',
    },
    {
      name: 'stuck because universal.js was blocked',
      page: page({
        queue: { pending: 3, processed: false },
        requests: [request(UNIVERSAL, { status: undefined, blocked: 'client' })],
      }),
      expect: ['error'],
      causedBy: 'snippet.script-failed',
    },
  ],
});
