/**
 * Every fixture page, in every browser, through the real extension: correct integrations
 * give zero errors and zero warnings, each failure page exactly its expected rule ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type Checker, openChecker } from '../../src/cli/check';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import {
  browsersUnderTest,
  CASES,
  checkoutNavigations,
  findingCounts,
  linksAfterClick,
  ROOT,
  serveFixtures,
  stubPartneroOnly,
  until,
} from './support';

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

// The two browsers at once (half the wall time: most of a check is its watch, waiting), and
// one page after another in each: a journey starts by clearing its browser's cookies.
describe.concurrent.each(browsersUnderTest())('%s', (kind) => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await openChecker(kind, ROOT, { stubPartnero: true });
  });
  afterAll(() => checker?.close());

  // Each page twice: with the adaptive watch (the default) and watched the whole --wait
  // (--full-wait). Both must give exactly the expected findings: ending a watch early never
  // loses one.
  it.sequential.each(
    CASES.flatMap(
      (c) =>
        [
          [`${c.file}${c.query}`, c, false],
          [`${c.file}${c.query} --full-wait`, c, true],
        ] as const,
    ),
  )('%s', async (_name, c, fullWait) => {
    // The next page's tab opens in the background meanwhile, as in an audit.
    checker.prepare();
    const [result] = await checker.checkJourney({
      urls: [`${server.origin}/${c.file}${c.query}`],
      aff: undefined,
      param: 'aff',
      waitMs: 1500,
      fullWait,
      clickTest: c.clickTest,
      timeoutMs: 30_000,
    });
    if (!result) throw new Error('no result');
    const { report } = result;
    // Every finding with its severity, count and root cause; then the facts the verdict rests on.
    expect(findingCounts(report.findings), c.why).toEqual(c.findings);
    expect(report.cookie?.partnero_partner ?? null, 'cookie').toBe(c.cookie);
    expect(report.transactions, 'transactions').toHaveLength(c.transactions);
    expect(linksAfterClick(result.snapshot.page.links), 'client_reference_id after the click test').toEqual(
      c.links,
    );
    expect(checkoutNavigations(result.snapshot.page.navigations), 'navigations to Stripe').toEqual(
      c.navigations,
    );
  });

  it.sequential('Payment Links in shadow roots: found, test-clicked, and the fix says why the helper missed them', async () => {
    const journey = (file: string) =>
      checker.checkJourney({
        urls: [`${server.origin}/${file}?aff=TEST`],
        aff: undefined,
        param: 'aff',
        waitMs: 1500,
        clickTest: true,
        timeoutMs: 20_000,
      });
    const [broken] = await journey('shadow-root-links.html');
    const links = broken?.snapshot.page.links ?? [];
    expect(links.map((l) => [l.selector, l.inShadowRoot, l.afterClick])).toEqual([
      ['#card-starter >>> a', true, null],
      ['#card-pro >>> a', true, null],
    ]);
    const errors = broken?.snapshot.findings.filter((f) => f.severity === 'error') ?? [];
    expect(errors.map((f) => f.rule)).toEqual([
      'link.missing-client-reference-id',
      'link.missing-client-reference-id',
    ]);
    expect(errors.every((f) => f.fix?.includes('composedPath()'))).toBe(true);
    // The delegated helper's own listener saw the test click come out of the shadow root.
    const [ok] = await journey('shadow-root-links-ok.html');
    expect(ok?.snapshot.page.links.map((l) => l.afterClick)).toEqual(['TEST', 'TEST']);
  });

  it.sequential('a journey of pages served without no-store, as most sites serve theirs: every page reports', async () => {
    const results = await checker.checkJourney({
      urls: [
        `${server.origin}/cacheable/payment-links-ok.html`,
        `${server.origin}/cacheable/checkout-ok.html`,
      ],
      aff: 'PARTNER_7',
      param: 'aff',
      waitMs: 1500,
      clickTest: true,
      timeoutMs: 30_000,
    });
    expect(results.map((r) => findingCounts(r.report.findings))).toEqual([{}, {}]);
    // The page's own calls (2 and 3), plus the five the program's settings script makes.
    expect(results.map((r) => r.report.calls.length)).toEqual([7, 8]);
    expect(linksAfterClick(results[0]?.snapshot.page.links ?? [])).toEqual({
      '#buy-starter': 'PARTNER_7',
      '#buy-pro': 'PARTNER_7',
      '#buy-team': 'PARTNER_7',
    });
    expect(results.map((r) => r.report.cookie?.partnero_partner)).toEqual(['PARTNER_7', 'PARTNER_7']);
  });

  it.sequential('copied helpers and a CSP: the click without a cookie is recorded, and each finding says why', async () => {
    const check = async (path: string, clickTest = true) => {
      const [result] = await checker.checkJourney({
        urls: [`${server.origin}/${path}`],
        aff: undefined,
        param: 'aff',
        waitMs: 1500,
        clickTest,
        timeoutMs: 20_000,
      });
      if (!result) throw new Error(`no result for ${path}`);
      return result.snapshot;
    };
    const texts = (snap: Awaited<ReturnType<typeof check>>, rule: string) =>
      snap.findings.filter((f) => f.rule === rule).map((f) => `${f.message} | ${f.fix}`);

    const undef = await check('helper-undefined.html');
    expect(undef.page.links.map((l) => [l.selector, l.afterClickNoCookie, l.afterClick])).toEqual([
      ['#buy-starter', 'undefined', 'partnero-inspector-probe'],
      ['#buy-pro', 'undefined', 'partnero-inspector-probe'],
    ]);
    expect(texts(undef, 'link.client-reference-id-invalid')).toEqual([
      expect.stringContaining('without a partner, on every organic checkout'),
      expect.stringContaining('without a partner, on every organic checkout'),
    ]);

    const buried = await check('helper-second-question-mark.html?aff=TEST');
    expect(buried.page.links.map((l) => l.hrefAfterClick)).toEqual([
      'https://buy.stripe.com/14k5lA0Qm3bY8aY000?locale=de?client_reference_id=TEST',
      'https://buy.stripe.com/28o5lA0Qm3bY8aY001?locale=de&prefilled_promo_code=WILLKOMMEN?client_reference_id=TEST',
      'https://buy.stripe.com/test_4gw5lB1Rn4cZ9bZ002?client_reference_id=TEST',
    ]);
    expect(texts(buried, 'link.missing-client-reference-id')).toEqual([
      expect.stringContaining('already has a query ("?locale=de")'),
      expect.stringContaining('already has a query ("?locale=de&prefilled_promo_code=WILLKOMMEN")'),
    ]);

    const framed = await check('iframe-other-site.html?aff=TEST');
    expect(texts(framed, 'link.missing-client-reference-id')).toEqual([
      expect.stringContaining('This link is in a frame from another site (localhost)'),
      expect.stringContaining('append the decoded cookie as a URL parameter to the iframe'),
    ]);

    const noScript = await check('csp/app-host-only/csp-confirmation.html?aff=TEST', false);
    expect(texts(noScript, 'snippet.script-failed')).toEqual([
      expect.stringMatching(
        /^The program's settings\.js failed to load: blocked by the page's Content-Security-Policy \(script-src\) \(https:\/\/assets\.partnero\.com\/program\/QK3M2L9A\/settings\/settings\.js\)\. \| Add https:\/\/assets\.partnero\.com to script-src/,
      ),
    ]);
    const noConnect = await check('csp/no-connect-src/csp-confirmation.html?aff=TEST', false);
    expect(texts(noConnect, 'network.request-failed')).toEqual([
      expect.stringContaining(
        "A request to https://app.partnero.com/pub/v1/transactions was blocked by the page's Content-Security-Policy (connect-src) before it left the page",
      ),
    ]);
    // Blocked before it existed: neither webRequest nor the driver saw the tracking call.
    expect(noConnect.page.requests.map((r) => new URL(r.url).pathname)).not.toContain('/pub/v1/transactions');
  });

  it.sequential('back to a page from the back/forward cache: the same calls and findings, no duplicate of itself', async () => {
    const page = await checker.launched.browser.newPage();
    try {
      const cookies = await checker.launched.browser.cookies();
      if (cookies.length) await checker.launched.browser.deleteCookie(...cookies);
      // Chromium caches no page while a driver intercepts every request: there only
      // Partnero's hosts are answered (by the stand-in), through the Fetch domain. The page
      // is served without `no-store`, as most merchant pages are (see routes.ts).
      if (kind === 'chrome') await stubPartneroOnly(page);
      else await interceptTraffic(page, { stub: true });
      await page.evaluateOnNewDocument(() => {
        addEventListener('pageshow', (e) => {
          (window as unknown as { restored: boolean }).restored = (e as PageTransitionEvent).persisted;
        });
      });
      const confirmation = `${server.origin}/cacheable/checkout-ok.html`;
      await page.goto(confirmation, { waitUntil: 'load' });
      const first = await askExtension(page, { op: 'finish', clickTest: false, expectPartnero: true });
      expect(findingCounts(first.findings)).toEqual({
        'cookie.absent:info': 1,
        'transaction.no-referral:info': 1,
      });
      await page.goto(`${server.origin}/no-partnero.html`, { waitUntil: 'load' });
      // A page restored from the cache fires no load event (Firefox's driver then never
      // returns from goBack): go back from the page and poll for the restored document.
      await page.evaluate(() => history.back());
      const { restored, why } = await until(
        'the confirmation page to be shown again',
        () =>
          page.evaluate(() => ({
            restored: (window as unknown as { restored: boolean }).restored,
            // Chromium says why a page was not restored (absent in Firefox).
            why: JSON.stringify(
              (performance.getEntriesByType('navigation')[0] as unknown as { notRestoredReasons?: unknown })
                ?.notRestoredReasons ?? null,
            ),
            href: location.href,
          })),
        (p) => p.href === confirmation && p.restored !== undefined,
      );
      expect(restored, `restored from the back/forward cache (not restored because: ${why})`).toBe(true);
      // The restored document replays what it had reported; poll until the worker has it.
      const back = await until(
        'the restored page',
        () => askExtension(page, { op: 'state' }),
        (s) => s.page.url === confirmation && s.page.calls.length === first.page.calls.length,
      );
      expect(back.page.calls.map((c) => c.args)).toEqual(first.page.calls.map((c) => c.args));
      // Its own transaction is not a duplicate of itself, and its requests came back with it.
      expect(findingCounts(back.findings)).toEqual({
        'cookie.absent:info': 1,
        'transaction.no-referral:info': 1,
      });
      expect(back.page.requests.map((r) => [new URL(r.url).pathname, r.status])).toEqual(
        first.page.requests.map((r) => [new URL(r.url).pathname, r.status]),
      );
    } finally {
      await page.close();
    }
  });
});
