import { describe, expect, it } from 'vitest';
import { finding, link } from '../../report/__tests__/fixtures';
import { EVENT_CAP, type LogState, type PanelEvent } from '../events';
import { clearLog, emptyLog, indexOfSeq, ingest, setPreserve } from '../log';
import { call, journey, PROGRAM_LOAD, req, snap, T0 } from './journey';

const rows = (log: LogState) => log.events.map((e) => `${e.pageN} ${e.kind} ${e.summary}`);
const feed = (log: LogState, snaps: typeof journey) =>
  snaps.reduce((l, s) => ingest(l, s, s.page.startedAt + 100), log);
const last = (log: LogState) => log.events.at(-1) as PanelEvent;

describe('ingest: one page', () => {
  it('opens the page with a separator and lists its calls in time order', () => {
    const log = ingest(
      emptyLog(),
      snap({ calls: [call(PROGRAM_LOAD, 9), call(['settings', 'x', 'y'], 2)], cookie: null }),
      T0,
    );
    expect(rows(log)).toEqual([
      '1 navigation http://127.0.0.1:8080/pricing.html?aff=TEST',
      '1 call po("settings", "x", "y")',
      '1 call po("program", "abc123", "load")',
    ]);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it.each([
    {
      name: 'a new call is appended once',
      before: snap({ calls: [call(PROGRAM_LOAD)] }),
      after: snap({ calls: [call(PROGRAM_LOAD), call(['customers', 'signup', { data: {} }], 20)] }),
      expected: ['call po("customers", "signup", {"data":{}})'],
    },
    {
      name: 'a transaction call gets its own kind',
      before: snap(),
      after: snap({ calls: [call(['transactions', 'create', { data: { key: 'ch_1', amount: 5 } }])] }),
      expected: ['transaction transactions.create · "ch_1" · 5'],
    },
    {
      name: 'a cookie that appears',
      before: snap({ cookie: null }),
      after: snap({ cookie: { raw: 'A%20B', value: 'A B' } }),
      expected: ['cookie partnero_partner=A B'],
    },
    {
      name: 'a cookie that goes away',
      before: snap(),
      after: snap({ cookie: null }),
      expected: ['cookie partnero_partner removed'],
    },
    {
      name: 'a link found, then clicked by the test',
      before: snap(),
      after: snap({ links: [link({ afterClick: null, clickedBy: 'test' })] }),
      expected: [
        'link payment-link “Buy Pro” https://buy.stripe.com/test_abc',
        'link test click payment-link “Buy Pro” → client_reference_id none',
      ],
    },
    {
      name: 'a navigation to Stripe checkout',
      before: snap(),
      after: snap({ navigations: [{ url: 'https://buy.stripe.com/x', at: 70 }] }),
      expected: ['navigation navigation to https://buy.stripe.com/x'],
    },
    {
      name: 'a new finding',
      before: snap(),
      after: snap({}, [finding('cookie.absent', 'info')]),
      expected: ['finding cookie.absent — cookie.absent happened'],
    },
  ])('$name', ({ before, after, expected }) => {
    const log = ingest(emptyLog(), before, T0);
    const next = ingest(log, after, T0 + 100);
    expect(next.events.slice(log.events.length).map((e) => `${e.kind} ${e.summary}`)).toEqual(expected);
  });

  it('marks a finding the rules dropped as resolved, keeping its place and time', () => {
    const warning = finding('link.missing-client-reference-id', 'warning', {
      target: { selector: 'a#buy-pro' },
    });
    const log = ingest(emptyLog(), snap({ cookie: null }, [warning]), T0 + 10);
    const next = ingest(log, snap({ cookie: null }), T0 + 500);
    expect(next.events.map((e) => `${e.kind} ${e.severity} ${e.at}`)).toEqual([
      'navigation null 0',
      'finding null 10',
    ]);
    expect(last(next)).toMatchObject({ seq: last(log).seq, resolved: true });
    expect(last(next).summary).toMatch(/^resolved · link.missing-client-reference-id/);
  });

  it('puts a late-arriving row of the live page in time order', () => {
    const url = 'https://app.partnero.com/js/universal.js';
    const log = ingest(emptyLog(), snap({ cookie: null, requests: [req(url, { at: 70 })] }), T0);
    const next = ingest(
      log,
      snap({ cookie: null, requests: [req(url, { at: 70 })], calls: [call(PROGRAM_LOAD, 60)] }),
      T0,
    );
    expect(next.events.map((e) => `${e.kind} ${e.at}`)).toEqual(['navigation 0', 'call 60', 'request 70']);
    expect(next.events.map((e) => e.seq)).toEqual([1, 3, 2]);
    expect(indexOfSeq(next.events, 2)).toBe(2);
  });

  it('updates a request in place when it finishes', () => {
    const url = 'https://app.partnero.com/js/universal.js';
    const log = ingest(emptyLog(), snap({ requests: [req(url)] }), T0);
    const done = ingest(log, snap({ requests: [req(url, { status: 200, duration: 35 })] }), T0 + 50);
    expect(done.events).toHaveLength(log.events.length);
    expect(last(done)).toMatchObject({ seq: last(log).seq, summary: `GET 200 ${url} · 35 ms` });
  });

  it('recolours a link when a finding about it appears, keeping the time it was found', () => {
    const log = ingest(emptyLog(), snap({ cookie: null, links: [link()] }), T0 + 20);
    const bad = finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-pro' } });
    const next = ingest(log, snap({ cookie: null, links: [link()] }, [bad]), T0 + 900);
    expect(next.events.find((e) => e.kind === 'link')).toMatchObject({ seq: 2, at: 20, severity: 'error' });
  });

  it('recolours a call when a finding about it appears', () => {
    const log = ingest(emptyLog(), snap({ calls: [call(PROGRAM_LOAD)] }), T0);
    const bad = finding('program.placeholder', 'error', { target: { call: 0 } });
    const next = ingest(log, snap({ calls: [call(PROGRAM_LOAD)] }, [bad]), T0 + 10);
    const before = log.events.find((e) => e.kind === 'call');
    expect(before?.severity).toBeNull();
    expect(next.events.find((e) => e.kind === 'call')).toMatchObject({ seq: before?.seq, severity: 'error' });
  });

  it('keeps a page re-timed to its document clock (same URL, earlier start) as the same page', () => {
    const url = 'https://app.partnero.com/js/universal.js';
    const log = ingest(emptyLog(), snap({ startedAt: T0 + 40, requests: [req(url, { at: 5 })] }), T0 + 50);
    const next = ingest(
      log,
      snap({ startedAt: T0, requests: [req(url, { at: 45 })], calls: [call(PROGRAM_LOAD, 60)] }),
      T0 + 100,
    );
    expect(next.pages.map((p) => p.page.startedAt)).toEqual([T0]);
    expect(next.events.filter((e) => e.kind === 'navigation')).toHaveLength(1);
    expect(next.events.find((e) => e.kind === 'request')?.at).toBe(45);
  });

  it('ignores a late snapshot of an earlier page', () => {
    const log = feed(emptyLog(true), journey);
    expect(ingest(log, journey[0] as (typeof journey)[0], T0 + 20_000)).toBe(log);
  });
});

describe('journeys', () => {
  it('keeps every page under its separator with preserve log', () => {
    const log = feed(emptyLog(true), journey);
    expect(log.pages.map((p) => [p.n, p.page.url])).toEqual([
      [1, 'https://shop.test/?aff=TEST'],
      [2, 'https://shop.test/pricing'],
      [3, 'https://shop.test/confirmation'],
    ]);
    const separators = log.events.filter((e) => e.kind === 'navigation' && e.separator);
    expect(separators.map((e) => [e.pageN, e.summary])).toEqual(log.pages.map((p) => [p.n, p.page.url]));
    expect(log.events.filter((e) => e.kind === 'call').map((e) => e.pageN)).toEqual([1, 2, 3]);
  });

  it('starts over on each page without preserve log', () => {
    const log = feed(emptyLog(false), journey);
    expect(log.pages.map((p) => p.n)).toEqual([3]);
    expect(new Set(log.events.map((e) => e.pageN))).toEqual(new Set([3]));
    expect(log.events[0]).toMatchObject({
      kind: 'navigation',
      separator: true,
      summary: 'https://shop.test/confirmation',
    });
  });

  it('follows the preserve switch from the next navigation on', () => {
    const [landing, pricing, confirmation] = journey as [
      (typeof journey)[0],
      (typeof journey)[0],
      (typeof journey)[0],
    ];
    let log = feed(emptyLog(false), [landing, pricing]);
    log = feed(setPreserve(log, true), [confirmation]);
    expect(log.pages.map((p) => p.n)).toEqual([2, 3]);
  });
});

describe('buffer', () => {
  it(`keeps the newest ${EVENT_CAP} events and counts the others`, () => {
    const calls = Array.from({ length: EVENT_CAP + 41 }, (_, i) => call(['settings', 'n', i], i));
    const log = ingest(emptyLog(), snap({ calls, cookie: null }), T0);
    expect(log.events).toHaveLength(EVENT_CAP);
    expect(log.dropped).toBe(42); // the separator and the 41 oldest calls
    expect(last(log).summary).toBe(`po("settings", "n", ${EVENT_CAP + 40})`);
    expect(indexOfSeq(log.events, last(log).seq)).toBe(EVENT_CAP - 1);
    expect(indexOfSeq(log.events, 1)).toBe(-1);
  });

  it('clear empties the log and logs only what happens next', () => {
    const log = clearLog(feed(emptyLog(true), journey));
    expect(log.events).toEqual([]);
    expect(log.pages.map((p) => p.n)).toEqual([3]);
    const page = (journey[2] as (typeof journey)[0]).page;
    const next = ingest(
      log,
      { ...(journey[2] as (typeof journey)[0]), page: { ...page, calls: [...page.calls, call(['x'])] } },
      T0 + 10_000,
    );
    expect(rows(next)).toEqual(['3 call po("x")']);
  });
});
