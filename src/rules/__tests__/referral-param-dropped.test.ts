/**
 * `referral.param-dropped`: judged from the URL the tab was asked to open (its redirect chain)
 * and from the top frame's own address moves, never from the final address alone. A redirect
 * or a tidy-up that keeps the parameter, a move after universal.js set the cookie, a visit
 * without a parameter and a hash-only move stay silent.
 */
import { describe, expect, it } from 'vitest';
import type { AddressChange, PageEntry, PageState, Redirect } from '../../model/types';
import { call, cookie, PARTNER, PROGRAM, page } from './fixtures';
import { describeRules, run } from './table';

const SHOP = 'https://shop.example.com';
const ASKED = `${SHOP}/?aff=${PARTNER}`;

const server = (from: string, to: string, status = 301): Redirect => ({ kind: 'server', status, from, to });

/** A page reached through `redirects` from `asked`. */
function redirected(asked: string, redirects: Redirect[], extra: Partial<PageState> = {}): PageState {
  const entry: PageEntry = { asked, redirects };
  return page({ url: redirects.at(-1)?.to ?? asked, entry, ...extra });
}

/** The referred page's own script moved its address once. */
function moved(change: Partial<AddressChange>, extra: Partial<PageState> = {}): PageState {
  const from = change.from ?? ASKED;
  return page({
    url: from,
    addressChanges: [
      { method: 'replaceState', from, to: `${SHOP}/`, at: 30, loader: true, cookie: false, ...change },
    ],
    ...extra,
  });
}

describeRules({
  'referral.param-dropped': [
    {
      name: 'a locale redirect that drops the query',
      page: redirected(ASKED, [server(ASKED, `${SHOP}/en/`)]),
      expect: ['error'],
      message: `server redirect (301 /?aff=${PARTNER} → /en/)`,
      fix: 'keep the query string',
      target: { href: ASKED },
    },
    {
      name: 'a redirect that keeps it',
      page: redirected(ASKED, [server(ASKED, `${SHOP}/en/?aff=${PARTNER}`)]),
      expect: [],
    },
    {
      name: 'the second hop drops it (named, not the first)',
      page: redirected(ASKED, [
        server(ASKED, `${SHOP}/en?aff=${PARTNER}`, 308),
        server(`${SHOP}/en?aff=${PARTNER}`, `${SHOP}/en/`, 302),
      ]),
      expect: ['error'],
      message: `(302 /en?aff=${PARTNER} → /en/)`,
    },
    {
      name: 'www → apex on another origin: the URLs are shown whole',
      page: redirected(`https://www.example.com/?aff=${PARTNER}`, [
        server(`https://www.example.com/?aff=${PARTNER}`, 'https://example.com/'),
      ]),
      expect: ['error'],
      message: `/?aff=${PARTNER} → https://example.com/)`,
    },
    {
      name: 'a redirect without any referral parameter',
      page: redirected(`${SHOP}/?utm_source=x`, [server(`${SHOP}/?utm_source=x`, `${SHOP}/en/`)]),
      expect: [],
    },
    {
      name: 'an empty parameter is no referral',
      page: redirected(`${SHOP}/?aff=`, [server(`${SHOP}/?aff=`, `${SHOP}/en/`)]),
      expect: [],
    },
    {
      name: 'the cookie holds the value anyway (set on an earlier visit)',
      page: redirected(ASKED, [server(ASKED, `${SHOP}/en/`)], { cookie: cookie() }),
      expect: [],
    },
    {
      name: "another partner's older cookie does not save this referral",
      page: redirected(ASKED, [server(ASKED, `${SHOP}/en/`)], { cookie: cookie('someone_else') }),
      expect: ['error'],
    },
    {
      name: "the program's own link_param, revealed by its settings script",
      page: redirected(`${SHOP}/?ref=p1`, [server(`${SHOP}/?ref=p1`, `${SHOP}/en/`)], {
        calls: [...page().calls, call('program', PROGRAM, 'settings', 'link_param', 'ref')],
      }),
      expect: ['error'],
      message: '?ref=p1',
    },
    {
      name: 'a parameter the program does not use',
      page: redirected(`${SHOP}/?ref=p1`, [server(`${SHOP}/?ref=p1`, `${SHOP}/en/`)]),
      expect: [],
    },
    {
      name: 'a meta refresh to a URL without it',
      page: redirected(ASKED, [{ kind: 'client', from: ASKED, to: `${SHOP}/en/` }]),
      expect: ['error'],
      message: `<meta http-equiv="refresh"> or script: /?aff=${PARTNER} → /en/)`,
    },
    {
      name: 'history.replaceState before universal.js read it',
      page: moved({}),
      expect: ['error'],
      message: `history.replaceState: /?aff=${PARTNER} → /) before universal.js had read it`,
      fix: 'tidy it only after universal.js has set the partnero_partner cookie',
      target: { href: ASKED },
    },
    {
      name: 'history.pushState before the loader had even run',
      page: moved({ method: 'pushState', loader: false }),
      expect: ['error'],
      message: 'history.pushState: /?aff=partner_42 → /) before the Partnero loader had even run',
    },
    {
      name: 'tidied after universal.js set the cookie',
      page: moved({ cookie: true }, { cookie: cookie() }),
      expect: [],
    },
    {
      name: 'a move that keeps the parameter',
      page: moved({ to: `${SHOP}/pricing?aff=${PARTNER}` }),
      expect: [],
    },
    {
      name: 'a hash-only move',
      page: moved({ to: `${ASKED}#pricing` }),
      expect: [],
    },
    {
      name: 'a move on a page that was not referred',
      page: moved({ from: `${SHOP}/?q=notes`, to: `${SHOP}/` }),
      expect: [],
    },
    {
      name: 'a page without the loader: snippet.missing is the finding, not this',
      page: moved({}, { queueName: null, loaderRuns: [], calls: [], queue: null, scripts: [], requests: [] }),
      expect: [],
    },
  ],
});

const findings = (state: PageState) => run(state).map((f) => `${f.rule}:${f.severity}:${f.causedBy ?? ''}`);

describe('referral.param-dropped with the cookie rules', () => {
  it('after a redirect the final URL has no parameter: the drop is the only finding, no "not referred" info', () => {
    expect(findings(redirected(ASKED, [server(ASKED, `${SHOP}/en/`)]))).toEqual([
      'referral.param-dropped:error:',
    ]);
  });

  it('the same page opened without a parameter is "not referred"', () => {
    expect(findings(page({ url: `${SHOP}/en/` }))).toEqual(['cookie.absent:info:']);
  });

  it('after a tidy-up, the missing cookie is its consequence', () => {
    expect(findings(moved({}))).toEqual([
      'referral.param-dropped:error:',
      'cookie.missing-after-referral:error:referral.param-dropped',
    ]);
  });

  it('the message names what dropped it, and the fix how to keep it', () => {
    const [finding] = run(
      redirected(`${SHOP}/locale/?aff=KEY`, [server(`${SHOP}/locale/?aff=KEY`, `${SHOP}/locale/en/`)]),
    );
    expect(finding).toEqual({
      rule: 'referral.param-dropped',
      severity: 'error',
      message:
        "The partner link's ?aff=KEY was dropped by a server redirect (301 /locale/?aff=KEY → /locale/en/): universal.js never saw it, so this referral is lost.",
      fix: 'Make the redirect keep the query string: the rule or middleware that answers /locale/?aff=KEY must append the original ?aff=… to its target.',
      target: { href: `${SHOP}/locale/?aff=KEY` },
    });
  });

  it('page text in the message is capped and kept on one line', () => {
    const value = `x\n${'y'.repeat(500)}`;
    const asked = `${SHOP}/?aff=${encodeURIComponent(value)}`;
    const [finding] = run(redirected(asked, [server(asked, `${SHOP}/en/`)]));
    expect(finding?.message).not.toContain('\n');
    expect(finding?.message.length).toBeLessThan(400);
  });
});
