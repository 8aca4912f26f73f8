import { page, request, SETTINGS, SIGNUP, UNIVERSAL, withCalls } from './fixtures';
import { describeRules } from './table';

describeRules({
  'customer.signup-schema': [
    { name: 'complete', page: withCalls(SIGNUP), expect: [] },
    {
      name: 'numeric key',
      page: withCalls(['customers', 'signup', { data: { key: 7, email: 'a@b.co' } }]),
      expect: [],
    },
    {
      name: 'no key',
      page: withCalls(['customers', 'signup', { data: { email: 'a@b.co' } }]),
      expect: ['error'],
      message: 'data.key: missing',
    },
    {
      name: 'blank key',
      page: withCalls(['customers', 'signup', { data: { key: ' ', email: 'a@b.co' } }]),
      expect: ['error'],
      message: 'is empty',
    },
    {
      name: 'not an address',
      page: withCalls(['customers', 'signup', { data: { key: 'cus_1', email: 'jane' } }]),
      expect: ['error'],
      message: '"jane" is not an e-mail address',
    },
    { name: 'no payload', page: withCalls(['customers', 'signup']), expect: ['error'] },
  ],
  'network.request-failed': [
    {
      name: 'accepted',
      page: page({
        requests: [
          ...page().requests,
          request('https://api.partnero.com/v1/transactions', { method: 'POST', status: 201 }),
        ],
      }),
      expect: [],
    },
    {
      name: '422 with its message',
      page: page({
        requests: [
          ...page().requests,
          request('https://app.partnero.com/pub/v1/transactions', {
            method: 'POST',
            status: 422,
            responseBody: '{"message":"The key has already been taken."}',
          }),
        ],
      }),
      expect: ['error'],
      message:
        'POST https://app.partnero.com/pub/v1/transactions failed: HTTP 422; the response says "The key has already been taken."',
    },
    {
      name: 'non-JSON body',
      page: page({ requests: [request('https://partnero.com/x', { status: 500, responseBody: '<html>' })] }),
      expect: ['error'],
      message: 'HTTP 500.',
    },
    {
      name: 'network error',
      page: page({
        requests: [
          request('https://app.partnero.com/pub/v1/x', { status: undefined, error: 'net::ERR_FAILED' }),
        ],
      }),
      expect: ['error'],
    },
    {
      name: 'retries are one problem',
      page: page({ requests: [0, 1].map(() => request('https://partnero.com/x', { status: 503 })) }),
      expect: ['error'],
    },
    {
      // Filed under snippet.script-failed by the engine (engine test).
      name: 'failed scripts too',
      page: page({ requests: [request(UNIVERSAL, { status: 404 }), request(SETTINGS, { status: 404 })] }),
      expect: ['error', 'error'],
      causedBy: 'snippet.script-failed',
    },
    {
      name: 'other hosts',
      page: page({ requests: [...page().requests, request('https://notpartnero.com/x', { status: 500 })] }),
      expect: [],
    },
  ],
});
