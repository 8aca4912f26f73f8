import { call, link, PROGRAM, page, unrelatedPage } from './fixtures';
import { type Case, describeRules } from './table';

describeRules({
  'program.missing': [
    { name: 'loaded', page: page(), expect: [] },
    {
      name: 'no load call',
      page: page({ calls: [call('settings', 'assets_host', 'https://assets.partnero.com')] }),
      expect: ['error'],
    },
    {
      name: 'no load call yet while the page is still watched',
      page: page({
        watchEnded: false,
        calls: [call('settings', 'assets_host', 'https://assets.partnero.com')],
      }),
      expect: [],
    },
    {
      name: 'load with a bad id is not missing',
      page: page({ calls: [call('program', '', 'load')] }),
      expect: [],
    },
    { name: 'no loader, no rule', page: unrelatedPage({ links: [link()] }), expect: [] },
  ],
  'program.placeholder': [
    { name: 'real id', page: page(), expect: [] },
    ...[
      'PUBLIC_PROGRAM_ID',
      '',
      '  ',
      'undefined',
      'null',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an unfilled JS template is the case under test
      '${PROGRAM_ID}',
      '{{ program_id }}',
      '<?= $id ?>',
      '%PROGRAM_ID%',
      '%s',
      '[object Object]',
    ].map(
      (id): Case => ({
        name: `id ${JSON.stringify(id)}`,
        page: page({ calls: [call('program', id, 'load')] }),
        expect: ['error'],
        target: { call: 0 },
      }),
    ),
    ...[null, 42, { id: 'x' }].map(
      (id): Case => ({
        name: `id ${JSON.stringify(id)}`,
        page: page({ calls: [call('program', id, 'load')] }),
        expect: ['error'],
      }),
    ),
  ],
  'program.multiple': [
    {
      name: 'one program loaded twice',
      page: page({ calls: [call('program', PROGRAM, 'load'), call('program', PROGRAM, 'load')] }),
      expect: [],
    },
    {
      name: 'two programs',
      page: page({ calls: [call('program', PROGRAM, 'load'), call('program', 'RAF9', 'load')] }),
      expect: ['info'],
    },
    {
      name: 'a placeholder is not a program',
      page: page({ calls: [call('program', PROGRAM, 'load'), call('program', 'undefined', 'load')] }),
      expect: [],
    },
  ],
  'settings.assets-host': [
    { name: 'https', page: page(), expect: [] },
    { name: 'absent', page: page({ calls: [call('program', PROGRAM, 'load')] }), expect: [] },
    ...['', '/assets', 'http://assets.partnero.com', '//assets.partnero.com'].map(
      (host): Case => ({
        name: JSON.stringify(host),
        page: page({ calls: [call('settings', 'assets_host', host), call('program', PROGRAM, 'load')] }),
        expect: ['warning'],
      }),
    ),
    {
      name: 'not a string',
      page: page({ calls: [call('settings', 'assets_host', null), call('program', PROGRAM, 'load')] }),
      expect: ['warning'],
    },
  ],
  'po.unknown-command': [
    {
      name: 'known commands',
      page: page({
        calls: [...page().calls, call('integration', 'universal', null), call('customers', 'signup', {})],
      }),
      expect: [],
    },
    {
      name: 'one per distinct command',
      page: page({
        calls: [
          ...page().calls,
          call('transaction', 'create', {}),
          call('transaction', 'create', {}),
          call('track'),
        ],
      }),
      expect: ['info', 'info'],
      target: { call: 5 },
    },
    {
      name: 'not a string',
      page: page({ calls: [...page().calls, call(null)] }),
      expect: ['info'],
      message: 'null',
    },
  ],
});
