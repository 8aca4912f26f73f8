/**
 * `referral.param-dropped` through the real extension: the referral parameter the tab was
 * asked to open with (the CLI's `--aff`) is lost to a locale redirect, a meta refresh or a
 * "clean URLs" script, and each finding names what dropped it. The correct variants (a
 * redirect that keeps the query, tidying once the cookie is set) give nothing at all.
 */
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type Checker, openChecker } from '../../src/cli/check';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import type { Finding } from '../../src/model/types';
import { eachBrowserSideBySide, findingCounts, ROOT, serveFixtures, until } from './support';

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

const DROP_FIX =
  'Make the redirect keep the query string: the rule or middleware that answers /locale-redirect/?aff=KEY must append the original ?aff=… to its target.';
const TIDY_FIX =
  'Run the Partnero loader before the script that tidies the address, and tidy it only after universal.js has set the partnero_partner cookie.';

eachBrowserSideBySide('%s', (kind) => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await openChecker(kind, ROOT, { stubPartnero: true });
  });
  afterAll(() => checker?.close());

  /** What `partnero-inspector check <url> --aff KEY --stub-partnero` reports for one page. */
  const check = async (path: string, aff?: string) => {
    const [result] = await checker.checkJourney({
      urls: [`${server.origin}${path}`],
      aff,
      param: 'aff',
      waitMs: 1500,
      clickTest: false,
      timeoutMs: 30_000,
    });
    if (!result) throw new Error('no result');
    return result;
  };

  it.sequential('--aff KEY on a locale redirect that drops the query: the 301 is named, nothing else is said', async () => {
    const { report, snapshot } = await check('/locale-redirect/', 'KEY');
    expect(report.url).toBe(`${server.origin}/locale-redirect/?aff=KEY`);
    expect(report.finalUrl).toBe(`${server.origin}/locale-redirect/en/`);
    expect(snapshot.page.entry).toEqual({
      asked: `${server.origin}/locale-redirect/?aff=KEY`,
      redirects: [
        {
          kind: 'server',
          status: 301,
          from: `${server.origin}/locale-redirect/?aff=KEY`,
          to: `${server.origin}/locale-redirect/en/`,
        },
      ],
    });
    expect(report.findings).toEqual([
      {
        rule: 'referral.param-dropped',
        severity: 'error',
        message:
          "The partner link's ?aff=KEY was dropped by a server redirect (301 /locale-redirect/?aff=KEY → /locale-redirect/en/): universal.js never saw it, so this referral is lost.",
        fix: DROP_FIX,
        target: { href: `${server.origin}/locale-redirect/?aff=KEY` },
      } satisfies Finding,
    ]);
    expect(report.cookie).toBeNull();
  });

  it.sequential('a locale redirect that keeps the query: the cookie is set, no finding', async () => {
    const { report } = await check('/locale-keep/', 'KEY');
    expect(report.finalUrl).toBe(`${server.origin}/locale-keep/en/?aff=KEY`);
    expect(report.findings).toEqual([]);
    expect(report.cookie?.partnero_partner).toBe('KEY');
  });

  it.sequential('the same redirect on a visit that is not referred: only "not referred"', async () => {
    const { report } = await check('/locale-redirect/');
    expect(findingCounts(report.findings as Finding[])).toEqual({ 'cookie.absent:info': 1 });
  });

  it.sequential('a "clean URLs" script before universal.js: history.replaceState is named, the missing cookie is its consequence', async () => {
    const { report, snapshot } = await check('/tidy-url.html', 'TEST');
    expect(snapshot.page.addressChanges).toEqual([
      {
        method: 'replaceState',
        from: `${server.origin}/tidy-url.html?aff=TEST`,
        to: `${server.origin}/tidy-url.html`,
        at: expect.any(Number),
        loader: true,
        cookie: false,
      },
    ]);
    expect(report.findings).toEqual([
      {
        rule: 'referral.param-dropped',
        severity: 'error',
        message:
          'Page script removed ?aff=TEST from the address (history.replaceState: /tidy-url.html?aff=TEST → /tidy-url.html) before universal.js had read it: this referral is lost.',
        fix: TIDY_FIX,
        target: { href: `${server.origin}/tidy-url.html?aff=TEST` },
      },
      expect.objectContaining({
        rule: 'cookie.missing-after-referral',
        causedBy: 'referral.param-dropped',
      }),
    ]);
  });

  it.sequential('the same script once the cookie is set: nothing to report', async () => {
    const { report, snapshot } = await check('/tidy-url-after-cookie.html', 'TEST');
    expect(snapshot.page.addressChanges?.map((c) => [c.method, c.cookie])).toEqual([['replaceState', true]]);
    expect(report.findings).toEqual([]);
    expect(report.cookie?.partnero_partner).toBe('TEST');
  });

  it.sequential('a meta refresh that drops the query: the page before it is the asked URL', async () => {
    const page: Page = await checker.launched.browser.newPage();
    try {
      const cookies = await checker.launched.browser.cookies();
      if (cookies.length) await checker.launched.browser.deleteCookie(...cookies);
      await interceptTraffic(page, { stub: true });
      const asked = `${server.origin}/locale-refresh/?aff=KEY`;
      const landed = `${server.origin}/locale-refresh/en/`;
      await page.goto(asked, { waitUntil: 'load' });
      await until(
        'the refresh to land',
        () => page.evaluate(() => [location.href, document.readyState].join(' ')),
        (s) => s === `${landed} complete`,
      );
      await until(
        'the extension to follow',
        () => askExtension(page, { op: 'state' }),
        (s) => s.page.url === landed && s.page.loadedAt !== undefined,
      );
      const done = await askExtension(page, { op: 'finish', clickTest: false, expectPartnero: true });
      expect(done.page.entry).toEqual({
        asked,
        redirects: [{ kind: 'client', from: asked, to: landed }],
      });
      expect(done.findings.map((f) => [f.rule, f.severity, f.message])).toEqual([
        [
          'referral.param-dropped',
          'error',
          'The partner link\'s ?aff=KEY was dropped by a client-side redirect (a <meta http-equiv="refresh"> or script: /locale-refresh/?aff=KEY → /locale-refresh/en/): universal.js never saw it, so this referral is lost.',
        ],
      ]);
    } finally {
      await page.close();
    }
  });
});
