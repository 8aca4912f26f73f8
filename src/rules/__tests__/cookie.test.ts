import { call, cookie, PROGRAM, page, REFERRED, request, UNIVERSAL, unrelatedPage } from './fixtures';
import { describeRules } from './table';

describeRules({
  'cookie.absent': [
    { name: 'cookie set', page: page({ cookie: cookie() }), expect: [] },
    { name: 'no cookie', page: page(), expect: ['info'], message: 'not referred' },
    { name: 'unrelated page', page: unrelatedPage(), expect: [] },
  ],
  'cookie.missing-after-referral': [
    { name: 'cookie set', page: page({ url: REFERRED, cookie: cookie() }), expect: [] },
    { name: 'watch still running', page: page({ url: REFERRED, watchEnded: false }), expect: [] },
    { name: 'empty parameter', page: page({ url: 'https://shop.example.com/?aff=' }), expect: [] },
    { name: 'never set', page: page({ url: REFERRED }), expect: ['error'], message: '?aff="partner_42"' },
    {
      name: "program's own link_param",
      page: page({
        url: 'https://shop.example.com/?ref=p1',
        calls: [call('program', PROGRAM, 'load'), call('program', PROGRAM, 'settings', 'link_param', 'ref')],
      }),
      expect: ['error'],
    },
    {
      name: 'query_param in the object form',
      page: page({
        url: 'https://shop.example.com/?via=p1',
        calls: [
          call('program', PROGRAM, 'load'),
          call('program', PROGRAM, 'settings', { query_param: 'via' }),
        ],
      }),
      expect: ['error'],
    },
    { name: 'unknown parameter', page: page({ url: 'https://shop.example.com/?ref=p1' }), expect: [] },
    {
      name: 'no loader at all',
      page: unrelatedPage({ url: REFERRED }),
      expect: ['error'],
      causedBy: 'snippet.missing',
    },
    {
      name: 'placeholder program',
      page: page({
        url: REFERRED,
        calls: [call('program', 'PUBLIC_PROGRAM_ID', 'load')],
        queue: { pending: 1, processed: false },
      }),
      expect: ['error'],
      causedBy: 'program.placeholder',
    },
    {
      name: 'settings.js of the placeholder failed: root is still the placeholder',
      page: page({
        url: REFERRED,
        calls: [call('program', 'undefined', 'load')],
        requests: [
          request(UNIVERSAL),
          request('https://assets.partnero.com/program/undefined/settings/settings.js', { status: 404 }),
        ],
      }),
      expect: ['error'],
      causedBy: 'program.placeholder',
    },
    {
      name: 'blocked universal.js',
      page: page({ url: REFERRED, requests: [request(UNIVERSAL, { status: undefined, blocked: 'client' })] }),
      expect: ['error'],
      causedBy: 'snippet.script-failed',
    },
  ],
  'cookie.invalid-for-stripe': [
    { name: 'valid', page: page({ cookie: cookie() }), expect: [] },
    { name: 'e-mail', page: page({ cookie: cookie('jane@example.com') }), expect: ['error'], message: 'A-Z' },
    {
      name: 'too long',
      page: page({ cookie: cookie('a'.repeat(201)) }),
      expect: ['error'],
      message: '201 characters',
    },
  ],
});
