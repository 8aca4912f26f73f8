/**
 * The extension must be invisible to pages and survive hostile ones: a page that inspects
 * `po` sees exactly what it sees without the extension, and a page that feeds the hook
 * cycles, throwing getters, proxies, megabyte strings and forged events keeps working.
 *
 * The transparency suite (test/fixtures/transparency/) runs every probe a page script has —
 * globals and built-ins, `__partnerObject`/`po` descriptors, defineProperty + strict
 * assignment, read-only, delete, identity, `in`, toString, stacks, events and errors with
 * built-ins trapped, address moves, cookie reads, the DOM — in the same browser without the
 * extension (a plain launch) and with it: a page without Partnero reads exactly the same, a
 * page with it the same except the items README lists under "What a page can still see".
 */
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type BrowserKind, extensionDir, findBrowser, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import type { TabSnapshot } from '../../src/protocol/messages';
import { AS_BUILT, eachBrowserSideBySide, ROOT, serveFixtures } from './support';

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server?.close());

/** Opens a fixture (Partnero answered by the stand-in) and returns the text the page wrote. */
async function pageReport(page: Page, file: string, selector: string): Promise<string> {
  await interceptTraffic(page, { stub: true });
  await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
  await page.waitForSelector(`${selector}[data-ready="true"]`, { timeout: 10_000 });
  return page.$eval(selector, (el) => el.textContent ?? '');
}

/** The JSON a transparency probe page wrote once it had run every probe. */
async function probes(
  browser: Browser,
  file: string,
): Promise<{ page: Page; results: Record<string, unknown> }> {
  const page = await browser.newPage();
  const results = JSON.parse(await pageReport(page, `transparency/${file}`, '#probes'));
  return { page, results };
}

/** `results` without the keys README documents as visible (`a.b` paths), to compare the rest. */
function without(results: Record<string, unknown>, paths: string[]): Record<string, unknown> {
  const copy = structuredClone(results);
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let at: Record<string, unknown> | undefined = copy;
    for (const k of keys) at = at?.[k] as Record<string, unknown> | undefined;
    if (at) delete at[last];
  }
  return copy;
}

/** What README "What a page can still see" lists, as paths into with-partnero.html's results. */
const DOCUMENTED = [
  'afterLoader.sameAsInLoaderTask',
  'argumentGetter',
  'stackThroughPo',
  'replaced.afterLook',
  'replaced.string',
];

async function plainBrowser(kind: BrowserKind): Promise<Browser> {
  const executablePath = findBrowser(kind) as string;
  return kind === 'chrome'
    ? puppeteer.launch({
        executablePath,
        pipe: true,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      })
    : puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
}

eachBrowserSideBySide('%s', (kind) => {
  it('a page that inspects po sees no difference with the extension installed', async () => {
    const plain = await plainBrowser(kind);
    const without = await pageReport(
      await plain.newPage(),
      'transparency.html?aff=TEST',
      '#observations',
    ).finally(() => plain.close());
    const launched = await launchWithExtension(
      kind,
      findBrowser(kind) as string,
      extensionDir(kind, ROOT),
      AS_BUILT,
    );
    try {
      const page = await launched.browser.newPage();
      const withExt = await pageReport(page, 'transparency.html?aff=TEST', '#observations');
      expect(JSON.parse(withExt)).toEqual(JSON.parse(without));
      // And the extension did see the calls the page made.
      const snap = await askExtension(page, { op: 'finish', clickTest: false, expectPartnero: true });
      expect(snap.page.calls.map((c) => c.args[0])).toEqual(expect.arrayContaining(['settings', 'program']));
      expect(snap.page.queueName).toBe('po');
    } finally {
      await launched.close();
    }
  });

  it('hostile input never breaks the page, the extension or the report', async () => {
    const launched = await launchWithExtension(
      kind,
      findBrowser(kind) as string,
      extensionDir(kind, ROOT),
      AS_BUILT,
    );
    try {
      const page = await launched.browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String((e as Error).message ?? e)));
      const state = JSON.parse(await pageReport(page, 'hostile.html', '#page-state')) as {
        errors: string[];
        returned: [string, string][];
      };
      expect(state.errors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(state.returned.map(([label]) => label)).toEqual([
        'cyclic',
        'throwing getter',
        'proxy',
        'deep',
        'huge',
        'markup',
        'exotic',
        'window',
        'many',
      ]);
      const snap = await askExtension(page, { op: 'finish', clickTest: true, expectPartnero: true });
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      const calls = JSON.stringify(snap.page.calls);
      expect(calls).toContain('[cycle]');
      expect(calls).toContain('[throws]');
      for (const c of snap.page.calls) expect(JSON.stringify(c.args).length).toBeLessThan(40_000);
      for (const f of snap.findings) {
        expect(f.message.length).toBeLessThan(600);
        // No control character (terminal escapes, newlines) from page data reaches a message.
        expect([...f.message].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)).toBe(false);
      }
      expect(snap.findings.map((f) => f.rule)).toEqual(
        expect.arrayContaining(['transaction.schema', 'po.unknown-command']),
      );
    } finally {
      await launched.close();
    }
  });

  describe('transparency suite', () => {
    let plain: Browser;
    let launched: Awaited<ReturnType<typeof launchWithExtension>>;
    beforeAll(async () => {
      plain = await plainBrowser(kind);
      launched = await launchWithExtension(
        kind,
        findBrowser(kind) as string,
        extensionDir(kind, ROOT),
        AS_BUILT,
      );
    });
    afterAll(async () => {
      await plain?.close();
      await launched?.close();
    });

    it.sequential('a page without Partnero reads exactly the same with the extension installed', async () => {
      const before = await probes(plain, 'without-partnero.html');
      const after = await probes(launched.browser, 'without-partnero.html');
      expect(after.results).toEqual(before.results);
      // Not because the extension was asleep: it saw the page's `po is not defined`.
      const snap: TabSnapshot = await askExtension(after.page, {
        op: 'finish',
        clickTest: false,
        expectPartnero: false,
      });
      expect(snap.page.errors.map((e) => [e.kind, e.name])).toContainEqual(['po-undefined', 'po']);
      expect(snap.page.loaderRuns).toEqual([]);
    });

    it.sequential('a page with Partnero reads the same except what README documents, and no extension URL anywhere', async () => {
      const before = await probes(plain, 'with-partnero.html');
      const after = await probes(launched.browser, 'with-partnero.html');
      const a = before.results as Record<string, Record<string, unknown>>;
      const b = after.results as Record<string, Record<string, unknown>>;
      expect(without(b, DOCUMENTED)).toEqual(without(a, DOCUMENTED));
      expect(JSON.stringify(b)).not.toMatch(/(chrome|moz)-extension:\/\//);
      // Each documented item, exactly as README describes it.
      expect([a.afterLoader?.sameAsInLoaderTask, b.afterLoader?.sameAsInLoaderTask]).toEqual([true, false]);
      expect(a.argumentGetter).toEqual({ reads: 0, hookFrame: false, extensionUrl: false });
      expect(b.argumentGetter).toEqual({ reads: 1, hookFrame: true, extensionUrl: false });
      const frames = (a.stackThroughPo as { frames: number }).frames;
      expect(b.stackThroughPo).toEqual({ frames: frames + 1, hookFrame: true, extensionUrl: false });
      expect([a.replaced?.afterLook, b.replaced?.afterLook]).toEqual([true, false]);
      expect(a.replaced?.string).toContain('pageQueue');
      expect(b.replaced?.string).toMatch(/^function ?\(\) ?\{\s*\[native code\]\s*\}$/);
      // And the extension recorded the page's calls, the probe's included.
      const snap = await askExtension(after.page, { op: 'finish', clickTest: false, expectPartnero: true });
      expect(snap.page.calls.map((c) => c.args[0])).toEqual(
        expect.arrayContaining(['settings', 'program', 'probe', 'x']),
      );
    });
  });
});
