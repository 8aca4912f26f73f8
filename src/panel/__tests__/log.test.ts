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
      expected: ['finding cookie.absent happened'],
    },
  ])('$name', ({ before, after, expected }) => {
    const log = ingest(emptyLog(), before, T0);
    const next = ingest(log, after, T0 + 100);
    expect(next.events.slice(log.events.length).map((e) => `${e.kind} ${e.summary}`)).toEqual(expected);
  });

  it('times a link, its click and the cookie when they happened, not when a snapshot showed them', () => {
    const start = ingest(emptyLog(), snap({ cookie: null }), T0);
    const later = snap({
      cookie: { raw: 'TEST', value: 'TEST', seenAt: 650 },
      links: [link({ seenAt: 120, afterClick: 'TEST', clickedBy: 'test', clickedAt: 3400 })],
    });
    const next = ingest(start, later, T0 + 3600);
    expect(next.events.map((e) => `${e.kind} ${e.at}`)).toEqual([
      'navigation 0',
      'link 120',
      'cookie 650',
      'link 3400',
    ]);
  });

  it('marks a finding the rules dropped as resolved, keeping its place and time', () => {
    const warning = finding('snippet.not-in-head', 'warning');
    const start = ingest(emptyLog(), snap({ cookie: null }), T0);
    const log = ingest(start, snap({ cookie: null }, [warning]), T0 + 10);
    const next = ingest(log, snap({ cookie: null }), T0 + 500);
    expect(next.events.map((e) => `${e.kind} ${e.severity} ${e.mark} ${e.at}`)).toEqual([
      'navigation null null 0',
      'finding null null 10',
    ]);
    expect(last(next)).toMatchObject({ seq: last(log).seq, resolved: true });
    expect(last(next).summary).toBe('Resolved: snippet.not-in-head happened');
  });

  /** A link's finding over three snapshots: before any click, after a click, and so on. */
  const aboutPro = (severity: 'error' | 'warning' | 'info', extra = {}) =>
    finding('link.missing-client-reference-id', severity, { target: { selector: 'a#buy-pro' }, ...extra });

  it.each([
    {
      name: 'a link not verified yet that then fails: no resolved row before the verdict',
      findings: [
        [aboutPro('info', { unverified: true })],
        [aboutPro('error', { message: 'no id after click' })],
      ],
      rows: ['finding info unverified 10 live', 'finding error error 20 live'],
    },
    {
      name: 'a link not verified yet that then passes: not "resolved", the click row tells',
      findings: [[aboutPro('info', { unverified: true })], []],
      rows: ['finding info unverified 10 live'],
    },
    {
      name: 'a finding replaced by its rule about the same link (warning, then error)',
      findings: [[aboutPro('warning')], [aboutPro('error', { message: 'worse' })]],
      rows: ['finding warning warning 10 live', 'finding error error 20 live'],
    },
  ])('$name', ({ findings, rows }) => {
    const links = [link({ afterClick: undefined })];
    const start = ingest(emptyLog(), snap({ cookie: null, links }), T0);
    const before = ingest(start, snap({ cookie: null, links }, findings[0]), T0 + 10);
    const after = ingest(before, snap({ cookie: null, links }, findings[1]), T0 + 20);
    const shown = after.events
      .filter((e) => e.kind === 'finding')
      .map(
        (e) =>
          `finding ${e.severity} ${e.mark} ${e.at} ${e.kind === 'finding' && e.resolved ? 'resolved' : 'live'}`,
      );
    expect(shown).toEqual(rows);
  });

  it('gives no time to what was already there when the panel first saw the page', () => {
    const log = ingest(
      emptyLog(),
      snap({ calls: [call(PROGRAM_LOAD, 9)], links: [link()] }, [finding('cookie.absent', 'info')]),
      T0 + 15_000,
    );
    // Calls keep the page's own times; the link, the cookie and the finding have none (NaN), last.
    expect(log.events.map((e) => `${e.kind} ${e.at}`)).toEqual([
      'navigation 0',
      'call 9',
      'link NaN',
      'cookie NaN',
      'finding NaN',
    ]);
    const next = ingest(
      log,
      snap({ calls: [call(PROGRAM_LOAD, 9)], links: [link(), link({ id: 't2' })] }),
      T0 + 16_000,
    );
    // What appears while the panel watches is timed when the panel saw it.
    expect(next.events.find((e) => e.kind === 'link' && e.link.id === 't2')?.at).toBe(16_000);
  });

  it('times what a page has from the start when the panel watched it start (a later page)', () => {
    const log = ingest(emptyLog(true), snap({ url: 'https://shop.test/' }), T0 + 15_000);
    const next = ingest(
      log,
      snap({ url: 'https://shop.test/pricing', startedAt: T0 + 20_000, links: [link()] }),
      T0 + 20_120,
    );
    expect(next.events.filter((e) => e.pageN === 2).map((e) => `${e.kind} ${e.at}`)).toEqual([
      'navigation 0',
      'link 120',
      'cookie 120',
    ]);
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
    const log = ingest(emptyLog(), snap({ cookie: null, requests: [req(url)] }), T0);
    const done = ingest(
      log,
      snap({ cookie: null, requests: [req(url, { status: 200, duration: 35 })] }),
      T0 + 50,
    );
    expect(done.events).toHaveLength(log.events.length);
    expect(last(done)).toMatchObject({ seq: last(log).seq, summary: `GET 200 ${url} · 35 ms` });
  });

  it('recolours a link when a finding about it appears, keeping the time it was found', () => {
    const start = ingest(emptyLog(), snap({ cookie: null }), T0);
    const log = ingest(start, snap({ cookie: null, links: [link()] }), T0 + 20);
    const bad = finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-pro' } });
    const next = ingest(log, snap({ cookie: null, links: [link()] }, [bad]), T0 + 900);
    expect(next.events.find((e) => e.kind === 'link')).toMatchObject({
      seq: 2,
      at: 20,
      severity: 'error',
      mark: 'error',
    });
  });

  it('marks a click row with the verdict on the click, even when the verdict comes a snapshot later', () => {
    const start = ingest(emptyLog(), snap({ cookie: null, links: [link()] }), T0);
    const clicked = [link({ afterClick: null, clickedBy: 'test' })];
    const log = ingest(start, snap({ cookie: null, links: clicked }), T0 + 30);
    const bad = finding('link.missing-client-reference-id', 'error', { target: { selector: 'a#buy-pro' } });
    const next = ingest(log, snap({ cookie: null, links: clicked }, [bad]), T0 + 60);
    const click = (l: LogState) => l.events.find((e) => e.kind === 'link' && e.change === 'clicked');
    expect(click(log)).toMatchObject({ at: 30, mark: 'ok' });
    expect(click(next)).toMatchObject({ seq: click(log)?.seq, at: 30, mark: 'error' });
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
