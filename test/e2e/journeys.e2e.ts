/**
 * Check journeys across the hosts of one site, in every browser, through the real extension:
 * a marketing site on `www.shop.localhost` and the product on `app.shop.localhost` (both
 * resolve to this machine, where the one fixture server answers every host name). The
 * referral cookie that universal.js writes host-only stays on `www.`: `cookie.lost-across-
 * subdomains` on the app page; written for the whole site it reaches `app.`: no finding.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Checker, openChecker, type PageResult } from '../../src/cli/check';
import type { StaticServer } from '../../src/cli/static-server';
import { eachBrowserSideBySide, ROOT, serveFixtures } from './support';

let server: StaticServer;
let port: string;
beforeAll(async () => {
  server = await serveFixtures();
  port = new URL(server.origin).port;
});
afterAll(() => server?.close());

const www = (file: string) => `http://www.shop.localhost:${port}/${file}`;
const app = (file: string) => `http://app.shop.localhost:${port}/${file}`;

/** What a journey's page shows: where it ended, its cookie, its links after the click test, its findings. */
function summary({ report, snapshot }: PageResult) {
  return {
    finalUrl: report.finalUrl,
    cookie: report.cookie?.partnero_partner ?? null,
    links: report.links.map((l) => [l.href, l.afterClick]),
    findings: report.findings,
    cookieRow: report.checklist?.find((row) => row.id === 'cookie')?.status,
    cookieDomain: snapshot.page.cookie?.domain ?? null,
  };
}

const PRO = 'https://buy.stripe.com/28o5lA0Qm3bY8aY001';
const TEAM = 'https://buy.stripe.com/6oE3dS2Yq9Am5CM003';
/** The click test's stand-in cookie: the app page's helper is correct in itself. */
const PROBE = 'partnero-inspector-probe';

eachBrowserSideBySide('%s', (kind) => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await openChecker(kind, ROOT, { stubPartnero: true });
  });
  afterAll(() => checker?.close());

  const journey = (urls: string[]) =>
    checker.checkJourney({
      urls,
      aff: 'TEST',
      param: 'aff',
      waitMs: 1500,
      clickTest: true,
      timeoutMs: 30_000,
    });

  it.sequential('www. → app.: the host-only cookie stays on www., an error on the app page names both hosts', async () => {
    const pages = await journey([www('subdomain-landing.html'), app('subdomain-app.html')]);
    expect(pages.map(summary)).toEqual([
      {
        finalUrl: `${www('subdomain-landing.html')}?aff=TEST`,
        cookie: 'TEST',
        links: [],
        findings: [],
        cookieRow: 'ok',
        cookieDomain: 'www.shop.localhost',
      },
      {
        finalUrl: app('subdomain-app.html'),
        cookie: null,
        links: [
          [PRO, PROBE],
          [TEAM, PROBE],
        ],
        findings: [
          {
            rule: 'cookie.lost-across-subdomains',
            severity: 'error',
            message:
              'The partnero_partner cookie (partner "TEST") was set on www.shop.localhost, but this page on app.shop.localhost has none: the cookie is host-only (set without domain=), so the Partnero helper and any transaction on app.shop.localhost see no partner and the referral is lost.',
            fix: `The cookie must reach the host where checkout or signup happens: keep the site and checkout/signup on one host, or (if your Partnero settings allow it) set the cookie for domain=.shop.localhost; verify with partnero-inspector check ${www('subdomain-landing.html')} ${app('subdomain-app.html')} --aff TEST.`,
          },
          {
            rule: 'cookie.absent',
            severity: 'info',
            message:
              'No partnero_partner cookie: this visit is not referred, so links can only be checked statically.',
            // The check's own words: a flag, not the popup's button.
            fix: 'Run the check again with --aff TEST to check attribution end to end.',
            causedBy: 'cookie.lost-across-subdomains',
            causeIndex: 0,
          },
        ],
        cookieRow: 'error',
        cookieDomain: null,
      },
    ]);
  });

  it.sequential('www.shop.localhost → 127.0.0.1: another site, where the cookie never belonged: no such error', async () => {
    const pages = await journey([www('subdomain-landing.html'), `${server.origin}/subdomain-app.html`]);
    expect(
      pages.map((p) => [p.report.cookie, p.report.findings.map((f) => [f.rule, f.severity, f.causedBy])]),
    ).toEqual([
      [{ partnero_partner: 'TEST' }, []],
      [null, [['cookie.absent', 'info', undefined]]],
    ]);
  });

  it.sequential('www. → app. with the cookie set for the whole site (domain=.shop.localhost): no finding', async () => {
    const pages = await journey([www('subdomain-landing-shared.html'), app('subdomain-app.html')]);
    expect(pages.map(summary)).toEqual([
      {
        finalUrl: `${www('subdomain-landing-shared.html')}?aff=TEST`,
        cookie: 'TEST',
        links: [],
        findings: [],
        cookieRow: 'ok',
        cookieDomain: '.shop.localhost',
      },
      {
        finalUrl: app('subdomain-app.html'),
        cookie: 'TEST',
        links: [
          [PRO, 'TEST'],
          [TEAM, 'TEST'],
        ],
        findings: [],
        cookieRow: 'ok',
        cookieDomain: '.shop.localhost',
      },
    ]);
  });
});
