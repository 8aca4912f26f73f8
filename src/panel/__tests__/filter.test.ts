import { describe, expect, it } from 'vitest';
import { finding } from '../../report/__tests__/fixtures';
import type { EventKind } from '../events';
import { ALL_SEVERITIES, filterEvents, parseQuery } from '../filter';
import { emptyLog, ingest } from '../log';
import { call, journey, req, snap, T0 } from './journey';

const log = journey.reduce((l, s) => ingest(l, s, s.page.startedAt + 100), emptyLog(true));
const shown = (query: string, toggles = ALL_SEVERITIES, only?: EventKind[]) =>
  filterEvents(log.events, query, toggles, only)
    .filter((e) => !(e.kind === 'navigation' && e.separator))
    .map((e) => `${e.pageN}:${e.kind}`);

describe('parseQuery', () => {
  it.each([
    ['', { terms: [], excluded: [], kinds: [], unknownKinds: [] }],
    ['  Amount  PI_ ', { terms: ['amount', 'pi_'], excluded: [], kinds: [], unknownKinds: [] }],
    ['-program', { terms: [], excluded: ['program'], kinds: [], unknownKinds: [] }],
    ['kind:req,call', { terms: [], excluded: [], kinds: ['request', 'call'], unknownKinds: [] }],
    [
      'kind:transactions kind:network',
      { terms: [], excluded: [], kinds: ['transaction', 'request'], unknownKinds: [] },
    ],
    ['kind:nothing -', { terms: ['-'], excluded: [], kinds: [], unknownKinds: ['nothing'] }],
    ['kind:call,Nonsense', { terms: [], excluded: [], kinds: ['call'], unknownKinds: ['nonsense'] }],
    ['kind:', { terms: [], excluded: [], kinds: [], unknownKinds: [] }],
  ])('%j', (query, expected) => {
    const q = parseQuery(query);
    expect({ ...q, kinds: [...q.kinds] }).toEqual(expected);
  });
});

describe('filterEvents', () => {
  it.each([
    {
      query: '',
      expected: [
        '1:request',
        '1:call',
        '1:cookie',
        '2:request',
        '2:call',
        '2:link',
        '2:link',
        '2:cookie',
        '3:request',
        '3:call',
        '3:transaction',
        '3:request',
        '3:cookie',
        '3:finding',
        '3:finding',
        '3:finding',
      ],
    },
    { query: 'pi_123', expected: ['3:transaction'] },
    { query: 'kind:call', expected: ['1:call', '2:call', '3:call'] },
    { query: 'kind:call -abc123', expected: [] },
    { query: 'kind:finding amount', expected: ['3:finding'] },
    { query: 'transactions kind:req', expected: ['3:request'] },
    { query: 'STRIPE.COM', expected: ['2:link', '2:link'] },
    // A kind that does not exist keeps nothing (the panel says so), rather than everything.
    { query: 'kind:nonsense', expected: [] },
    { query: 'kind:call,nonsense', expected: ['1:call', '2:call', '3:call'] },
    { query: 'transaction.amount', expected: ['3:finding'] },
  ])('$query', ({ query, expected }) => {
    expect(shown(query)).toEqual(expected);
  });

  it.each([
    // universal.js (200) is no problem: it stays whatever the toggles.
    { toggles: { error: false, warning: true, info: true }, expected: ['3:request', '3:finding'] },
    {
      toggles: { error: true, warning: false, info: true },
      expected: ['3:request', '3:transaction', '3:request', '3:finding', '3:finding'],
    },
  ])('severity toggles $toggles', ({ toggles, expected }) => {
    expect(
      shown('', toggles).filter(
        (row) => row.startsWith('3:') && !row.endsWith('call') && !row.endsWith('cookie'),
      ),
    ).toEqual(expected);
  });

  it('keeps page separators whatever the filter', () => {
    const separators = filterEvents(log.events, 'no such text', ALL_SEVERITIES).map((e) => e.summary);
    expect(separators).toEqual([
      'https://shop.test/?aff=TEST',
      'https://shop.test/pricing',
      'https://shop.test/confirmation',
    ]);
  });

  it('restricts kinds for the Network tab', () => {
    expect(shown('', ALL_SEVERITIES, ['request'])).toEqual([
      '1:request',
      '2:request',
      '3:request',
      '3:request',
    ]);
  });

  it('returns the same array when nothing is filtered (no copy per keystroke)', () => {
    expect(filterEvents(log.events, '', ALL_SEVERITIES)).toBe(log.events);
  });

  it('matches call arguments beyond the row text', () => {
    const big = ingest(
      emptyLog(),
      snap(
        {
          calls: [call(['settings', 'x', { deep: { needle: 'Found-Me' } }])],
          requests: [req('https://a.partnero.com/', { responseBody: '{"message":"bad key"}' })],
        },
        [finding('cookie.absent', 'info')],
      ),
      T0,
    );
    expect(filterEvents(big.events, 'found-me', ALL_SEVERITIES).map((e) => e.kind)).toEqual([
      'navigation',
      'call',
    ]);
    expect(filterEvents(big.events, 'bad key', ALL_SEVERITIES).map((e) => e.kind)).toEqual([
      'navigation',
      'request',
    ]);
  });
});
