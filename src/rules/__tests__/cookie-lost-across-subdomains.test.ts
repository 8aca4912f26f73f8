/**
 * `cookie.lost-across-subdomains`: the referral cookie stayed on one host of the site and a
 * later page of the tab, on another host of that site, has none. Through the whole engine,
 * with the history `resetPage` carries from page to page.
 */
import { describe, expect, it } from 'vitest';
import type { CookieHost, PageState, TabHistory } from '../../model/types';
import { newTab, resetPage } from '../../store/page';
import { summarize } from '../index';
import { create, link, NO_HISTORY, page, transaction, unrelatedPage, withCalls } from './fixtures';
import { describeRules, run } from './table';

const LANDING = 'https://www.shop.example/';
const APP = 'https://app.shop.example/billing';

const landing = (extra: Partial<CookieHost> = {}): CookieHost => ({
  host: 'www.shop.example',
  url: LANDING,
  value: 'partner_42',
  ...extra,
});

/** A history whose earlier pages had the cookie on these hosts. */
const seen = (...cookieHosts: CookieHost[]): TabHistory => ({ ...NO_HISTORY, cookieHosts });

/** A correct page on `url` without a cookie at the end of its watch. */
const at = (url: string, extra: Partial<PageState> = {}) => page({ url, ...extra });

const HOST_ONLY_MESSAGE =
  'The partnero_partner cookie (partner "partner_42") was set on www.shop.example, but this page on app.shop.example has none: the cookie is host-only (set without domain=), so the Partnero helper and any transaction on app.shop.example see no partner and the referral is lost.';
const FIX =
  'The cookie must reach the host where checkout or signup happens: keep the site and checkout/signup on one host, or (if your Partnero settings allow it) set the cookie for domain=.shop.example; verify with partnero-inspector check https://www.shop.example/ https://app.shop.example/billing --aff TEST.';

describe('the finding', () => {
  it('names both hosts, says the cookie is host-only, and how to fix and verify', () => {
    const findings = run(at(`${APP}?plan=pro#top`), seen(landing()));
    expect(findings.filter((f) => f.rule === 'cookie.lost-across-subdomains')).toEqual([
      { rule: 'cookie.lost-across-subdomains', severity: 'error', message: HOST_ONLY_MESSAGE, fix: FIX },
    ]);
  });

  it('a cookie set for a narrower domain: says which domain it was', () => {
    const [finding] = run(at(APP), seen(landing({ domain: '.www.shop.example' }))).filter(
      (f) => f.rule === 'cookie.lost-across-subdomains',
    );
    expect(finding?.message).toBe(
      'The partnero_partner cookie (partner "partner_42") was set on www.shop.example, but this page on app.shop.example has none: it was set for domain=.www.shop.example, which does not include app.shop.example, so the Partnero helper and any transaction on app.shop.example see no partner and the referral is lost.',
    );
  });

  it('of several earlier hosts, names the latest one of this site', () => {
    const history = seen(
      landing({ host: 'shop.example', url: 'https://shop.example/' }),
      landing({ host: 'www.other.example', url: 'https://www.other.example/', value: 'other' }),
      landing({ host: 'blog.shop.example', url: 'https://blog.shop.example/post', value: 'P7' }),
    );
    const [finding] = run(at(APP), history).filter((f) => f.rule === 'cookie.lost-across-subdomains');
    expect(finding?.message).toContain('(partner "P7") was set on blog.shop.example, but');
    expect(finding?.fix).toContain('check https://blog.shop.example/post https://app.shop.example/billing');
  });

  it('the consequences of the missing cookie on this page carry it as their cause, and it counts once', () => {
    const state = withCalls(create(transaction()));
    state.url = APP;
    state.links = [
      link({ id: 'top:0', selector: '#own-id', clientReferenceId: 'order-17', afterClick: 'order-17' }),
      link({ id: 'top:1', kind: 'buy-button', selector: 'stripe-buy-button', href: null }),
    ];
    const findings = run(state, seen(landing()));
    expect(findings.map((f) => [f.rule, f.severity, f.causedBy])).toEqual([
      ['cookie.lost-across-subdomains', 'error', undefined],
      ['embed.missing-client-reference-id', 'warning', 'cookie.lost-across-subdomains'],
      ['cookie.absent', 'info', 'cookie.lost-across-subdomains'],
      ['link.client-reference-id-preset', 'info', 'cookie.lost-across-subdomains'],
      ['transaction.no-referral', 'info', 'cookie.lost-across-subdomains'],
    ]);
    expect(summarize(findings)).toEqual({ errors: 1, warnings: 0, infos: 0 });
  });

  it('without the earlier host, the same page is an ordinary visit without referral', () => {
    const findings = run(at(APP));
    expect(findings.map((f) => [f.rule, f.severity, f.causedBy])).toEqual([
      ['cookie.absent', 'info', undefined],
    ]);
  });
});

describeRules({
  'cookie.lost-across-subdomains': [
    { name: 'www → app, no cookie on app', page: at(APP), history: seen(landing()), expect: ['error'] },
    {
      name: 'apex → www',
      page: at('https://www.shop.example/pricing'),
      history: seen(landing({ host: 'shop.example', url: 'https://shop.example/' })),
      expect: ['error'],
      message: 'was set on shop.example, but this page on www.shop.example has none',
    },
    {
      name: 'known host-only domain',
      page: at(APP),
      history: seen(landing({ domain: 'www.shop.example' })),
      expect: ['error'],
      message: 'host-only',
    },
    {
      name: '*.localhost hosts of one site',
      page: at('http://app.shop.localhost:4000/app.html'),
      history: seen(landing({ host: 'www.shop.localhost', url: 'http://www.shop.localhost:4000/' })),
      expect: ['error'],
      fix: 'domain=.shop.localhost; verify with partnero-inspector check http://www.shop.localhost:4000/ http://app.shop.localhost:4000/app.html --aff TEST.',
    },
    {
      name: 'co.uk site',
      page: at('https://app.shop.co.uk/'),
      history: seen(landing({ host: 'www.shop.co.uk' })),
      expect: ['error'],
      fix: 'domain=.shop.co.uk;',
    },
    {
      name: 'the cookie reached this host (set for the registrable domain)',
      page: at(APP, { cookie: { raw: 'partner_42', value: 'partner_42', domain: '.shop.example' } }),
      history: seen(landing({ domain: '.shop.example' })),
      expect: [],
    },
    {
      name: 'this host has a cookie of its own',
      page: at(APP, { cookie: { raw: 'other', value: 'other' } }),
      history: seen(landing()),
      expect: [],
    },
    { name: 'the same host', page: at(`${LANDING}pricing`), history: seen(landing()), expect: [] },
    {
      name: 'another site',
      page: at('https://app.other-shop.example/'),
      history: seen(landing()),
      expect: [],
    },
    {
      name: 'two customers of one hosting platform',
      page: at('https://bob.github.io/'),
      history: seen(landing({ host: 'alice.github.io', url: 'https://alice.github.io/' })),
      expect: [],
    },
    {
      name: '127.0.0.1 and localhost are two sites',
      page: at('http://localhost:4000/app.html'),
      history: seen(landing({ host: '127.0.0.1', url: 'http://127.0.0.1:4000/' })),
      expect: [],
    },
    { name: 'a journey that never had the cookie', page: at(APP), history: NO_HISTORY, expect: [] },
    { name: 'an empty list of hosts', page: at(APP), history: seen(), expect: [] },
    {
      name: 'watch still running',
      page: at(APP, { watchEnded: false }),
      history: seen(landing()),
      expect: [],
    },
    {
      name: 'this host had the cookie earlier too (lost some other way)',
      page: at(APP),
      history: seen(landing(), landing({ host: 'app.shop.example', url: APP })),
      expect: [],
    },
    {
      name: 'the earlier cookie was set for the whole site (then something else removed it)',
      page: at(APP),
      history: seen(landing({ domain: '.shop.example' })),
      expect: [],
    },
    {
      name: 'a page without any sign of Partnero',
      page: unrelatedPage({ url: APP }),
      history: seen(landing()),
      expect: [],
    },
    { name: 'a URL that does not parse', page: at('not a url'), history: seen(landing()), expect: [] },
  ],
  'cookie.missing-after-referral': [
    { name: 'not also on the second host', page: at(APP), history: seen(landing()), expect: [] },
  ],
});

describe('across pages of one tab (history carried by resetPage)', () => {
  /** Visits `pages` in one tab, each ending its watch with `cookie` (or none), and runs the rules. */
  function journey(pages: { url: string; cookie: string | null; domain?: string }[]) {
    const tab = newTab();
    return pages.map(({ url, cookie, domain }, i) => {
      if (i > 0) resetPage(tab, url, 1_700_000_000_000 + i * 10_000);
      tab.page = page({
        url,
        cookie: cookie === null ? null : { raw: cookie, value: cookie, ...(domain && { domain }) },
      });
      return run(tab.page, tab.history)
        .filter((f) => f.severity !== 'info')
        .map((f) => f.rule);
    });
  }

  it('www with the cookie, then app without: an error on app only', () => {
    expect(
      journey([
        { url: `${LANDING}?aff=TEST`, cookie: 'TEST' },
        { url: 'https://www.shop.example/pricing', cookie: 'TEST' },
        { url: APP, cookie: null },
      ]),
    ).toEqual([[], [], ['cookie.lost-across-subdomains']]);
  });

  it('a cookie set for the registrable domain reaches app: no finding anywhere', () => {
    expect(
      journey([
        { url: `${LANDING}?aff=TEST`, cookie: 'TEST', domain: '.shop.example' },
        { url: APP, cookie: 'TEST', domain: '.shop.example' },
      ]),
    ).toEqual([[], []]);
  });

  it('back on www, the cookie is there again: no finding there', () => {
    expect(
      journey([
        { url: `${LANDING}?aff=TEST`, cookie: 'TEST' },
        { url: APP, cookie: null },
        { url: LANDING, cookie: 'TEST' },
      ]),
    ).toEqual([[], ['cookie.lost-across-subdomains'], []]);
  });
});
