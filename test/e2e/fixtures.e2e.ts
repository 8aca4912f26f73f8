/**
 * Every fixture page, in every browser, through the real extension: correct integrations
 * give zero errors and zero warnings, each failure page exactly its expected rule ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type Checker, openChecker } from '../../src/cli/check';
import type { StaticServer } from '../../src/cli/static-server';
import { browsersUnderTest, CASES, ROOT, ruleIds, serveFixtures } from './support';

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

describe.each(browsersUnderTest())('%s', (kind) => {
  let checker: Checker;
  beforeAll(async () => {
    checker = await openChecker(kind, ROOT, { stubPartnero: true });
  });
  afterAll(() => checker?.close());

  it.each(CASES.map((c) => [c.file + c.query, c] as const))('%s', async (_name, c) => {
    const [result] = await checker.checkJourney({
      urls: [`${server.origin}/${c.file}${c.query}`],
      aff: undefined,
      param: 'aff',
      waitMs: 1500,
      clickTest: c.clickTest,
      timeoutMs: 20_000,
    });
    const findings = result?.snapshot.findings ?? [];
    expect(ruleIds(findings), c.why).toEqual([...c.expect].sort());
    if (c.expect.every((id) => findings.find((f) => f.rule === id)?.severity === 'info')) {
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });

  it('Payment Links in shadow roots: found, test-clicked, and the fix says why the helper missed them', async () => {
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

  it('back to a page from the back/forward cache: the same calls and findings, no duplicate of itself', async () => {
    // No request interception here: Chromium keeps no page in its back/forward cache while a
    // driver intercepts requests. Partnero's scripts then fail the same way on both visits.
    const page = await checker.launched.browser.newPage();
    try {
      await page.evaluateOnNewDocument(() => {
        addEventListener('pageshow', (e) => {
          (window as unknown as { restored: boolean }).restored = (e as PageTransitionEvent).persisted;
        });
      });
      const confirmation = `${server.origin}/checkout-ok.html`;
      await page.goto(confirmation, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 1500));
      const first = await askExtension(page, { op: 'state' });
      await page.goto(`${server.origin}/no-partnero.html`, { waitUntil: 'load' });
      await page.goBack({ waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 500));
      const back = await askExtension(page, { op: 'state' });
      const restored = await page.evaluate(() => (window as unknown as { restored: boolean }).restored);
      // Chromium restores it from the cache (the path under test); Firefox may load it anew.
      if (kind === 'chrome') expect(restored).toBe(true);
      expect(back.page.url).toBe(confirmation);
      expect(back.page.calls.map((c) => c.args)).toEqual(first.page.calls.map((c) => c.args));
      if (restored) expect(ruleIds(back.findings)).toEqual(ruleIds(first.findings));
      // Loaded anew, the page really sends its transaction a second time.
      else expect(ruleIds(back.findings)).toContain('transaction.duplicate');
    } finally {
      await page.close();
    }
  });
});
