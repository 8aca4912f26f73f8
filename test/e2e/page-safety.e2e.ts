/**
 * The extension must be invisible to pages and survive hostile ones: a page that inspects
 * `po` sees exactly what it sees without the extension, and a page that feeds the hook
 * cycles, throwing getters, proxies, megabyte strings and forged events keeps working.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askExtension } from '../../src/cli/automation';
import { type BrowserKind, extensionDir, findBrowser, launchWithExtension } from '../../src/cli/browsers';
import { interceptTraffic } from '../../src/cli/intercept';
import type { StaticServer } from '../../src/cli/static-server';
import { browsersUnderTest, ROOT, serveFixtures } from './support';

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

describe.each(browsersUnderTest())('%s', (kind) => {
  it('a page that inspects po sees no difference with the extension installed', async () => {
    const plain = await plainBrowser(kind);
    const without = await pageReport(
      await plain.newPage(),
      'transparency.html?aff=TEST',
      '#observations',
    ).finally(() => plain.close());
    const launched = await launchWithExtension(kind, findBrowser(kind) as string, extensionDir(kind, ROOT));
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
    const launched = await launchWithExtension(kind, findBrowser(kind) as string, extensionDir(kind, ROOT));
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
});
